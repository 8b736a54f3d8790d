import type { FinopsTip } from '@backstage-finops/plugin-finops-node';
import { BUILT_IN_TIP_RULES } from './index';
import { demoUsageFacts } from './__testUtils__/demoFacts';

describe('the demo data', () => {
  // 98 days of demo FOCUS rows, as the tip evaluation reads them.
  const { facts, from, to } = demoUsageFacts('2026-11-16', 98);
  const tips = new Map<string, FinopsTip[]>();
  beforeAll(async () => {
    for (const rule of BUILT_IN_TIP_RULES) {
      tips.set(
        rule.id,
        await rule.evaluate({
          facts,
          from,
          to,
          signal: new AbortController().signal,
        }),
      );
    }
  });
  const named = (id: string) =>
    tips
      .get(id)!
      .flatMap(t => t.resources.map(r => r.resourceId))
      .sort();

  it.each(BUILT_IN_TIP_RULES.map(r => r.id))('triggers %s', id => {
    expect(tips.get(id)!.length).toBeGreaterThan(0);
    for (const tip of tips.get(id)!) {
      expect(tip.estimatedMonthlySavings > 0n).toBe(true);
    }
  });

  it('triggers the rules on what was planted for them, and not on busy resources', () => {
    expect(named('io-to-gp3')).toEqual([expect.stringMatching(/^vol-0/)]);
    expect(named('idle-address')).toEqual([
      expect.stringContaining('eipalloc-0'),
    ]);
    // Not the shared NAT gateways, which carry traffic, nor the k8s ingress.
    expect(named('idle-network')).toEqual([
      expect.stringContaining('natgateway/nat-0'),
    ]);
    expect(tips.get('idle-network')![0].title).toMatch(
      /^Remove idle NAT gateway/,
    );
    expect(named('extended-support')).toEqual([
      expect.stringContaining('db:checkout-reporting-replica'),
    ]);
    expect(named('unused-commitment')).toEqual([
      expect.stringContaining(':reserved-instances/'),
    ]);
    // Buckets that are read stay silent; unread ones that grow do not.
    const growing = named('growing-storage');
    expect(growing).toContain('demo-corp-checkout-exports-tmp');
    expect(growing.some(id => id.includes('snapshot/snap-0'))).toBe(true);
    for (const read of [
      'demo-corp-checkout-api-receipts',
      'demo-corp-analytics-pipeline-lake',
    ]) {
      expect(growing).not.toContain(read);
    }
  });
});
