import { useCallback } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  UnitCostPhrase,
  UnitCostPower,
  UnitNames,
} from '../../lib/unitCostFormat';
import { finopsTranslationRef } from '../../translation';

const PER_KEYS = {
  0: 'unit',
  3: 'thousand',
  6: 'million',
  9: 'billion',
} as const;

/**
 * The words of a unit cost in the translation ref: `per` gives "per million
 * requests", `phrase` "$12.30 per million requests" (for `formatUnitCost`).
 */
export function useUnitCostWords() {
  const { t } = useTranslationRef(finopsTranslationRef);
  const per = useCallback(
    (power: UnitCostPower, names: UnitNames) =>
      t(`unitCost.per.${PER_KEYS[power]}`, {
        unit: names.one,
        units: names.other,
      }),
    [t],
  );
  const phrase: UnitCostPhrase = useCallback(
    (power, amount, names) =>
      t('unitCost.amountPer', { amount, per: per(power, names) }),
    [t, per],
  );
  return { per, phrase };
}
