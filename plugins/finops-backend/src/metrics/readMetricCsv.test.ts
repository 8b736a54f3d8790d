import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatDecimal } from '@backstage-finops/plugin-finops-common';
import { isMetricCsvHeader, readMetricCsv } from './readMetricCsv';

const dir = mkdtempSync(join(tmpdir(), 'metric-csv-'));
const rules = {
  declaredMetrics: (ref: string) => (ref === 'component:default/a' ? ['requests', 'orders'] : undefined),
  today: '2026-06-01',
};
let files = 0;
function read(contents: string | Buffer) {
  const path = join(dir, `${files++}.csv`);
  writeFileSync(path, contents);
  return readMetricCsv(path, { displayName: 'metrics.csv', rules });
}

describe('readMetricCsv', () => {
  it('tells a metric header from a FOCUS one', () => {
    expect(isMetricCsvHeader(['\uFEFFDate', 'EntityRef', 'metric', 'VALUE'])).toBe(true);
    expect(isMetricCsvHeader(['BilledCost', 'ChargePeriodStart'])).toBe(false);
  });

  it('reads columns in any order and case, with or without unit, gzipped or not, exactly', async () => {
    const text = 'Value,metric,entityRef,date\n0.000000000000000001,requests,component:default/a,2026-05-01\n1.5E6,orders,component:default/a,2026-05-01\n\n';
    for (const contents of [text, gzipSync(text)]) {
      const { values, rows } = await read(contents);
      expect(rows).toBe(2);
      expect(values.map(v => [v.metric, v.date, formatDecimal(v.quantity), v.unit])).toEqual([
        ['requests', '2026-05-01', '0.000000000000000001', null],
        ['orders', '2026-05-01', '1500000', null],
      ]);
    }
  });

  it.each([
    ['date,entityRef,metric,value,colour\n', 'metrics.csv, line 1, column 5: "colour" is not a metric file column (date, entityRef, metric, value, unit)'],
    ['date,entityRef,metric,metric,value\n', 'metrics.csv, line 1, column 4: column "metric" appears twice'],
    ['date,entityRef,value\n', 'metrics.csv, line 1: has no metric column; a metric file\'s header is date,entityRef,metric,value[,unit]'],
    ['date,entityRef,metric,value\n', 'metrics.csv: has a header but no rows; nothing to import'],
    ['date,entityRef,metric,value\n2026-05-01,component:default/a,requests\n', 'metrics.csv, line 2: has 3 fields but the header has 4'],
    ['date,entityRef,metric,value\n2026-05-01,component:default/zz,requests,1\n', 'metrics.csv, line 2, column 2 (entityRef): no entity component:default/zz in the catalog'],
    ['date,entityRef,metric,value\n01/05/2026,component:default/a,requests,1\n', 'metrics.csv, line 2, column 1 (date): "01/05/2026" is not a date (YYYY-MM-DD)'],
    ['date,entityRef,metric,value\n2026-05-01,component:default/a,requests,"1,000"\n', 'metrics.csv, line 2, column 4 (value): "1,000" is not a decimal number'],
    [
      'date,entityRef,metric,value\n2026-05-01,component:default/a,requests,1\n2026-05-02,component:default/a,requests,1\n2026-05-01,component:default/a,requests,2\n',
      'metrics.csv, line 4: component:default/a requests on 2026-05-01 is also on line 2; give each day once',
    ],
    ['date,entityRef,metric,value\n2026-05-01,component:default/a,requests,"1\n', 'metrics.csv, line 2'],
  ])('stops at the first problem with its place: %j', async (contents, message) => {
    await expect(read(contents)).rejects.toThrow(message);
  });
});
