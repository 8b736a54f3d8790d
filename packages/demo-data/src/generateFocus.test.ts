import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { writeDemoFocusFiles, FOCUS_COLUMNS } from './generateFocus';
import { DEMO_COMPONENTS, renderDemoCatalogYaml } from './catalog';

function parseCsv(text: string): Array<Record<string, string>> {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\n') { record.push(field); records.push(record); record = []; field = ''; }
    else field += c;
  }
  const [header, ...rows] = records;
  return rows.map(r => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** Exact decimal sum in micro-units of strings with at most 6 decimals. */
function sumMicros(values: string[]): string {
  let total = 0n;
  for (const v of values) {
    const [whole, frac = ''] = v.replace('-', '').split('.');
    const micros = BigInt(whole) * 1_000_000n + BigInt(frac.padEnd(6, '0'));
    total += v.startsWith('-') ? -micros : micros;
  }
  const abs = total < 0n ? -total : total;
  return `${total < 0n ? '-' : ''}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, '0')}`;
}

async function generate(options: { months?: number; scale?: number; gzip?: boolean; endDate?: string } = {}) {
  const outDir = mkdtempSync(join(tmpdir(), 'demo-focus-'));
  const result = await writeDemoFocusFiles({ outDir, endDate: options.endDate ?? '2026-11-16', months: 2, ...options });
  const rows = result.files.flatMap(file => {
    const raw = readFileSync(file);
    return parseCsv((file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
  });
  return { outDir, result, rows };
}

describe('writeDemoFocusFiles', () => {
  it('is deterministic, one file per month, nothing on or after the end date', async () => {
    const a = await generate();
    const b = await generate();
    expect(readdirSync(a.outDir).sort()).toEqual(['focus-2026-10.csv', 'focus-2026-11.csv']);
    for (const [i, file] of a.result.files.entries()) {
      expect(readFileSync(file)).toEqual(readFileSync(b.result.files[i]));
    }
    expect(a.rows.every(r => r.ChargePeriodStart < '2026-11-16')).toBe(true);
    expect(a.rows.some(r => r.ChargePeriodStart.startsWith('2026-11-15'))).toBe(true);
    expect(Object.keys(a.rows[0])).toEqual([...FOCUS_COLUMNS]);
  });

  it('reports exact totals of what it wrote', async () => {
    const { result, rows } = await generate({ gzip: true });
    expect(result.rows).toBe(rows.length);
    expect(sumMicros(rows.map(r => r.EffectiveCost))).toBe(result.totals.EffectiveCost);
    expect(sumMicros(rows.map(r => r.BilledCost))).toBe(result.totals.BilledCost);
    expect(new Set(rows.map(r => r.ChargeCategory))).toEqual(new Set(['Usage', 'Tax', 'Credit']));
  });

  it('gives every demo component cost, keeps some unallocated, and carries the patterns tips look for', async () => {
    const { rows } = await generate();
    const usage = rows.filter(r => r.ChargeCategory === 'Usage');
    const tagged = (name: string) => usage.some(r => r.Tags.toLowerCase().includes(`"service":"${name}"`));
    for (const component of DEMO_COMPONENTS.filter(c => !['legacy-billing', 'ci-runners'].includes(c.name))) {
      expect({ component: component.name, tagged: tagged(component.name) }).toEqual({ component: component.name, tagged: true });
    }
    expect(usage.some(r => r.Tags.includes('legacy-billing-v1'))).toBe(true);
    expect(usage.some(r => r.SubAccountId === '500000000005' && r.Tags === '')).toBe(true);
    const untagged = sumMicros(usage.filter(r => r.Tags === '' && r.SubAccountId !== '500000000005').map(r => r.EffectiveCost));
    const total = sumMicros(usage.map(r => r.EffectiveCost));
    const share = Number(untagged) / Number(total);
    expect(share).toBeGreaterThan(0.03);
    expect(share).toBeLessThan(0.25);
    expect(usage.some(r => /m4\.|t2\.|c4\./.test(r.SkuId))).toBe(true);
    expect(usage.some(r => r.SkuId === 'gp2')).toBe(true);
    expect(usage.some(r => r.Tags.includes('"environment":"dev"'))).toBe(true);
  });

  it('has weekday > weekend for prod compute, and the fraud-detector spike', async () => {
    const { rows } = await generate({ months: 3 });
    const prodEc2 = rows.filter(r => r.ServiceName === 'Amazon Elastic Compute Cloud' && r.Tags.includes('"environment":"prod"'));
    const byWeekend = (weekend: boolean) => {
      const days = prodEc2.filter(r => [0, 6].includes(new Date(r.ChargePeriodStart).getUTCDay()) === weekend);
      return Number(sumMicros(days.map(r => r.EffectiveCost))) / new Set(days.map(r => r.ChargePeriodStart)).size;
    };
    expect(byWeekend(false)).toBeGreaterThan(byWeekend(true) * 1.3);
    const fraud = rows.filter(r => r.Tags.includes('"service":"fraud-detector"'));
    const perDay = new Map<string, number>();
    for (const r of fraud) perDay.set(r.ChargePeriodStart, (perDay.get(r.ChargePeriodStart) ?? 0) + Number(r.EffectiveCost));
    const values = [...perDay.values()].sort((x, y) => x - y);
    expect(values[values.length - 1]).toBeGreaterThan(values[Math.floor(values.length / 2)] * 1.5);
  });

  it('scales rows with the scale option', async () => {
    const one = await generate({ months: 1 });
    const four = await generate({ months: 1, scale: 4 });
    expect(four.result.rows).toBeGreaterThan(one.result.rows * 3);
  });
});

describe('the demo catalog', () => {
  it('is what examples/finops-demo.yaml holds', () => {
    const committed = readFileSync(resolve(__dirname, '../../../examples/finops-demo.yaml'), 'utf8');
    expect(committed).toBe(renderDemoCatalogYaml());
  });
});
