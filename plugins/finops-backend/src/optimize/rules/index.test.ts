import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { atto, formatPercent } from './ruleSupport';
import {
  BUILT_IN_TIP_RULES,
  PREVIOUS_GENERATIONS,
  TIP_RULE_DOCS,
} from './index';

const readme = readFileSync(
  join(__dirname, '../../../../../README.md'),
  'utf8',
);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the built-in tip rules', () => {
  it('have unique ids, each documented once in TIP_RULE_DOCS and the README table', () => {
    const ids = BUILT_IN_TIP_RULES.map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(TIP_RULE_DOCS.map(d => d.id)).toEqual(ids);
    for (const id of ids) {
      expect(readme).toMatch(new RegExp(`\\| \`${id}\` +\\|`));
    }
  });

  it('list the previous-generation price table in the README as in the code', () => {
    for (const move of PREVIOUS_GENERATIONS) {
      const row = `${move.oldSize} ${move.oldPrice} → ${move.newSize} ${move.newPrice}`;
      const oldPrice = atto(move.oldPrice);
      const newPrice = atto(move.newPrice);
      const saving =
        newPrice < oldPrice
          ? formatPercent(oldPrice - newPrice, oldPrice)
          : 'none: silent';
      expect(readme).toMatch(
        new RegExp(`\\| ${escape(row)} +\\| ${escape(saving)} +\\|`),
      );
    }
  });
});
