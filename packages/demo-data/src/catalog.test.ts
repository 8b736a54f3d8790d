import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DEMO_ACCOUNTS,
  DEMO_COMPONENTS,
  DEMO_DOMAINS,
  DEMO_GROUPS,
  DEMO_SYSTEMS,
  DEMO_USERS,
  demoComponentsAtScale,
  renderDemoCatalogYaml,
} from './catalog';

describe('the demo catalog', () => {
  it('is exactly what examples/finops-demo.yaml holds', () => {
    const committed = readFileSync(
      resolve(__dirname, '../../../examples/finops-demo.yaml'),
      'utf8',
    );
    // On a mismatch: see README.md for the command that rewrites the file.
    expect(committed).toBe(renderDemoCatalogYaml());
  });

  it('refers only to groups, systems and domains it defines', () => {
    const groups = new Set(DEMO_GROUPS.map(g => g.name));
    const systems = new Set(DEMO_SYSTEMS.map(s => s.name));
    const domains = new Set(DEMO_DOMAINS.map(d => d.name));
    for (const g of DEMO_GROUPS.filter(x => x.parent))
      expect(groups).toContain(g.parent);
    for (const u of DEMO_USERS)
      for (const g of u.memberOf) expect(groups).toContain(g);
    for (const s of DEMO_SYSTEMS) expect(groups).toContain(s.owner);
    for (const s of DEMO_SYSTEMS.filter(x => x.domain))
      expect(domains).toContain(s.domain);
    for (const c of DEMO_COMPONENTS) {
      expect(groups).toContain(c.owner);
      expect(systems).toContain(c.system);
    }
    const names = [
      ...DEMO_GROUPS,
      ...DEMO_USERS,
      ...DEMO_SYSTEMS,
      ...DEMO_COMPONENTS,
    ].map(e => e.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('keeps the guest user, in guests and in a team that owns services', () => {
    expect(DEMO_USERS.find(u => u.name === 'guest')?.memberOf).toEqual([
      'guests',
      'team-payments',
    ]);
    expect(DEMO_COMPONENTS.some(c => c.owner === 'team-payments')).toBe(true);
  });

  it('annotates legacy-billing with cost tags and ci-runners with its account', () => {
    const annotations = Object.fromEntries(
      DEMO_COMPONENTS.map(c => [c.name, c.annotations ?? {}]),
    );
    expect(annotations['legacy-billing']['finops.backstage.io/cost-tags']).toBe(
      'app=legacy-billing-v1,cost-center=cc-4410',
    );
    expect(
      annotations['ci-runners']['finops.backstage.io/cloud-accounts'],
    ).toBe(DEMO_ACCOUNTS.ci);
    expect(Object.values(DEMO_ACCOUNTS).every(id => /^\d{12}$/.test(id))).toBe(
      true,
    );
  });

  it('renders entities a YAML reader takes: one document per entity, names quoted when needed', () => {
    const yaml = renderDemoCatalogYaml();
    const documents = yaml.split(/^---$/m).slice(1);
    expect(documents).toHaveLength(
      DEMO_GROUPS.length +
        DEMO_USERS.length +
        DEMO_DOMAINS.length +
        DEMO_SYSTEMS.length +
        DEMO_COMPONENTS.length,
    );
    for (const doc of documents) {
      expect(doc).toMatch(
        /^\napiVersion: backstage\.io\/v1alpha1\nkind: (Group|User|Domain|System|Component|Resource)\nmetadata:\n {2}name: [a-z0-9-]+\n/,
      );
    }
    expect(yaml).toContain(
      "    finops.backstage.io/cloud-accounts: '904812337161'\n",
    );
    expect(yaml).toContain("  description: 'Products, prices and stock'\n");
  });

  it('adds synthetic components for scaled data', () => {
    const components = demoComponentsAtScale(3);
    expect(components).toHaveLength(33);
    expect(components[11]).toMatchObject({
      name: 'svc-0001',
      owner: 'team-payments',
      system: 'payments',
      template: 'checkout-api',
    });
    expect(components[32].name).toBe('svc-0022');
    expect(renderDemoCatalogYaml({ scale: 3 })).toContain('  name: svc-0022\n');
    expect(() => demoComponentsAtScale(0)).toThrow(/scale/);
  });
});
