import {
  moneyFromDecimal,
  percentOf,
  type CostResponse,
} from '@backstage-finops/plugin-finops-common';
import { refKind } from '../../lib/entityRefs';
import {
  compareDecimals,
  shareDecimal,
  subtractDecimals,
} from '../../lib/money';

/** One row of a team's table: an entity it owns and that entity's own cost. */
export interface TeamCostRow {
  entityRef: string;
  /** `Component`, `Resource`, `System`, `Group`, … */
  kind: string;
  /** The entity's display title. */
  name: string;
  /** The period's cost, an exact decimal string. */
  amount: string;
  /** The previous period's, the same length. */
  previousAmount: string;
  /** amount - previousAmount, exactly. */
  change: string;
  /** change / previousAmount; null when the previous period had none. */
  changeRatio: number | null;
  /** Share of the team's total, 0-100, for display; null for a zero total. */
  share: number | null;
  /** The share as an exact decimal string with 4 places, for CSV. */
  shareExact: string | null;
}

/** The table's columns that sort. */
export const TEAM_SORT_KEYS = [
  'name',
  'kind',
  'cost',
  'share',
  'change',
  'changeRatio',
] as const;

export type TeamSortKey = (typeof TEAM_SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

/** One row per entity of a `groupBy=entity` response, shares of its total. */
export function buildTeamRows(
  response: CostResponse,
  titleOf: (ref: string) => string,
): TeamCostRow[] {
  const total = moneyFromDecimal(response.total.amount);
  return response.groups.map(group => {
    const previousAmount = group.previousAmount ?? '0';
    return {
      entityRef: group.key,
      kind: refKind(group.key),
      name: titleOf(group.key),
      amount: group.amount,
      previousAmount,
      change: subtractDecimals(group.amount, previousAmount),
      changeRatio: group.changeRatio ?? null,
      share: percentOf(moneyFromDecimal(group.amount), total),
      shareExact: shareDecimal(group.amount, response.total.amount),
    };
  });
}

function compareNullableNumbers(a: number | null, b: number | null): number {
  if (a === b) {
    return 0;
  }
  if (a === null) {
    return 1;
  }
  if (b === null) {
    return -1;
  }
  return a < b ? -1 : 1;
}

/**
 * Sorts rows by a column; amounts compare exactly. Rows without a change
 * ratio (new spend) go last either way; ties are broken by name.
 */
export function sortTeamRows(
  rows: TeamCostRow[],
  key: TeamSortKey,
  order: SortOrder,
): TeamCostRow[] {
  const direction = order === 'asc' ? 1 : -1;
  const byName = (a: TeamCostRow, b: TeamCostRow) =>
    a.name.localeCompare(b.name) || a.entityRef.localeCompare(b.entityRef);
  return [...rows].sort((a, b) => {
    let result = 0;
    switch (key) {
      case 'name':
        return direction * byName(a, b);
      case 'kind':
        result = a.kind.localeCompare(b.kind);
        break;
      case 'cost':
      case 'share':
        result = compareDecimals(a.amount, b.amount);
        break;
      case 'change':
        result = compareDecimals(a.change, b.change);
        break;
      case 'changeRatio':
        if (a.changeRatio === null || b.changeRatio === null) {
          return (
            compareNullableNumbers(a.changeRatio, b.changeRatio) || byName(a, b)
          );
        }
        result = compareNullableNumbers(a.changeRatio, b.changeRatio);
        break;
      default:
        result = 0;
    }
    return direction * result || byName(a, b);
  });
}
