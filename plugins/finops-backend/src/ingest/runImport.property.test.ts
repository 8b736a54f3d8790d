import fc from 'fast-check';
import knexFactory from 'knex';
import { formatDecimal } from '@backstage-finops/plugin-finops-common';
import { createFinopsStores } from '../database/FinopsStores';
import { readFocusFile } from '../focus/readFocusFile';
import { FocusInputError } from '../focus/FocusInputError';
import { aggregateRows, runImport } from './runImport';
import { focusCsv, writeTempFile } from '../__testUtils__/focusCsv';
import { propertyRuns } from '../__testUtils__/propertyRuns';

jest.setTimeout(120_000);

describe('runImport on mutated files', () => {
  it('either imports the file or changes nothing', async () => {
    const knex = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
    const stores = await createFinopsStores(knex);
    let imports = 0;
    const importText = async (bytes: Buffer) => {
      const id = `import-${imports++}`;
      await stores.imports.createImport({ id, sourceId: 'upload', fileName: 'x.csv' });
      const path = writeTempFile('x.csv', bytes);
      return runImport({
        stores,
        importId: id,
        sourceId: 'upload',
        attribute: () => ({ entityRef: null, rule: null, detail: '' }),
        produce: aggregateRows(sink => readFocusFile(path, { displayName: 'x.csv', onRow: sink.onRow }).then(() => {})),
      });
    };
    const snapshot = async () => {
      const sums = await stores.costs.sumCosts({ from: '2000-01-01', to: '2100-01-01', metric: 'EffectiveCost' }, ['usageDate', 'resource']);
      return sums.map(s => `${s.dimensions.usageDate} ${s.dimensions.resource} ${s.currency} ${formatDecimal(s.amount)}`).sort();
    };
    await importText(Buffer.from(focusCsv([{ EffectiveCost: '7' }])));
    const base = Buffer.from(focusCsv([{ EffectiveCost: '1.5' }, { ResourceId: 'i-2', EffectiveCost: '2.25' }, { ResourceId: 'i-3' }]));

    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 8 }), fc.constantFrom('', '"', ',', '\n', 'x', '\u00ff', '-'), async (at, length, insert) => {
        const cut = at % base.length;
        const bytes = Buffer.concat([base.subarray(0, cut), Buffer.from(insert), base.subarray(cut + length)]);
        const before = await snapshot();
        const failure = await importText(bytes).then(
          () => undefined,
          (error: unknown) => error,
        );
        const after = await snapshot();
        const outcome = failure === undefined ? 'imported' : { locatedError: failure instanceof FocusInputError, store: after };
        // An import either succeeds or fails with a located error and leaves the store as it was.
        expect(['imported', { locatedError: true, store: before }]).toContainEqual(outcome);
      }),
      propertyRuns(120),
    );
    await knex.destroy();
  });
});
