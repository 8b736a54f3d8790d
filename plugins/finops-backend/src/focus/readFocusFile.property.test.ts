import fc from 'fast-check';
import type { FocusChargeRow } from '@backstage-finops/plugin-finops-node';
import { formatDecimal } from '@backstage-finops/plugin-finops-common';
import { readFocusFile } from './readFocusFile';
import { FocusInputError } from './FocusInputError';
import { focusCsv, septemberHour, writeTempFile } from '../__testUtils__/focusCsv';
import { propertyRuns } from '../__testUtils__/propertyRuns';

const decimal = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 30n - 1n }), fc.integer({ min: 0, max: 18 }))
  .map(([negative, digits, scale]) => {
    const text = digits.toString().padStart(scale + 1, '0');
    const whole = text.slice(0, text.length - scale);
    const fraction = text.slice(text.length - scale);
    return `${negative && digits !== 0n ? '-' : ''}${whole}${scale ? `.${fraction}` : ''}`;
  });

const tagText = fc.string({ maxLength: 30 });

const validRow = fc.record({
  BilledCost: decimal,
  EffectiveCost: decimal,
  ListCost: decimal,
  ResourceId: fc.string({ maxLength: 40 }).filter(s => s.trim() === s && s !== 'NULL' && s !== 'null'),
  ServiceName: fc.constantFrom('Amazon EC2', 'Virtual Machines', 'Compute Engine', 'a,b "c"', 'line\nbreak'),
  Tags: fc.dictionary(tagText, tagText, { maxKeys: 4 }).map(tags => (Object.keys(tags).length ? JSON.stringify(tags) : '')),
  day: fc.integer({ min: 1, max: 30 }),
});

async function readAll(path: string) {
  const rows: FocusChargeRow[] = [];
  await readFocusFile(path, { displayName: 'prop.csv', onRow: row => rows.push(row) });
  return rows;
}

describe('readFocusFile on generated input', () => {
  it('round-trips any valid rows exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(validRow, { minLength: 1, maxLength: 20 }), fc.boolean(), async (rows, crlf) => {
        const csv = focusCsv(
          rows.map(({ day, ...r }) => ({
            ...r,
            ...septemberHour(day),
          })),
          undefined,
          crlf ? '\r\n' : '\n',
        );
        const read = await readAll(writeTempFile('p.csv', csv));
        expect(read).toHaveLength(rows.length);
        read.forEach((row, i) => {
          expect(formatDecimal(row.billedCost)).toBe(canonicalDecimal(rows[i].BilledCost));
          expect(formatDecimal(row.effectiveCost)).toBe(canonicalDecimal(rows[i].EffectiveCost));
          expect(formatDecimal(row.listCost)).toBe(canonicalDecimal(rows[i].ListCost));
          expect(row.resourceId).toBe(rows[i].ResourceId);
          expect(row.serviceName).toBe(rows[i].ServiceName.trim());
          expect(row.tags).toEqual(rows[i].Tags ? JSON.parse(rows[i].Tags) : {});
        });
      }),
      propertyRuns(150),
    );
  });

  it('never crashes on mutated input: it reads it or names what is wrong', async () => {
    const base = focusCsv([{}, { Tags: '{"a b":"c,d"}' }, { EffectiveCost: '-0.5' }]);
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('"', ',', '\n', '\r', 'NULL', '{', '\u0000', 'é', '1e999', '=cmd|') }),
      fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async mutations => {
        let bytes = Buffer.from(base, 'utf8');
        for (const m of mutations) {
          const at = m.at % (bytes.length + 1);
          if (m.kind === 'delete') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
          if (m.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.text), bytes.subarray(at)]);
          if (m.kind === 'byte' && at < bytes.length) bytes[at] = m.value;
          if (m.kind === 'truncate') bytes = bytes.subarray(0, at);
        }
        const failure = await readAll(writeTempFile('m.csv', bytes)).then(
          () => undefined,
          (error: unknown) => error,
        );
        const outcome = failure === undefined ? 'read' : { locatedError: failure instanceof FocusInputError, message: String((failure as Error)?.message) };
        // Either the mutation still reads, or it fails with a located error that names the file.
        expect(['read', { locatedError: true, message: expect.stringMatching(/^prop\.csv/) }]).toContainEqual(outcome);
      }),
      propertyRuns(300),
    );
  });
});

/** The canonical decimal form of a generated decimal string, computed on the text alone. */
function canonicalDecimal(text: string): string {
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const w = whole.replace(/^0+(?=\d)/, '');
  const f = fraction.replace(/0+$/, '');
  const value = `${w}${f ? `.${f}` : ''}`;
  return negative && value !== '0' ? `-${value}` : value;
}
