import { useMemo } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatMoney } from '../../lib/format';
import type { BudgetResponse, MemberBudget } from '../../lib/operate';
import { finopsTranslationRef } from '../../translation';
import type { TeamCostColumn } from '../TeamCost/TeamCostContent';
import { BudgetStatusChip } from './BudgetStatusChip';

function MemberBudgetCell(props: { member?: MemberBudget }) {
  const { member } = props;
  const { t } = useTranslationRef(finopsTranslationRef);
  if (!member) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('budget.columnNone')}
      </Typography>
    );
  }
  return (
    <Box
      display="flex"
      flexDirection="column"
      alignItems="flex-start"
      data-testid="finops-member-budget"
    >
      <BudgetStatusChip status={member.status} size="small" />
      <Typography variant="caption" color="textSecondary">
        {t('budget.columnOf', {
          amount: formatMoney(
            member.monthToDate.amount,
            member.monthToDate.currency,
          ),
          budget: formatMoney(member.budget.amount, member.budget.currency),
        })}
      </Typography>
    </Box>
  );
}

/**
 * The team table's "Budget this month" column: each row's status from
 * the team's `GET /budgets?includeMembers=true`, with its month-to-date of
 * its budget; a dash for rows without a budget (and for the team's own
 * row, whose budget is the team's card). Undefined until that answer is
 * in, or when it has no budgeted member, so the column is not shown empty.
 */
export function useBudgetColumn(
  response: BudgetResponse | undefined,
): TeamCostColumn | undefined {
  const { t } = useTranslationRef(finopsTranslationRef);
  return useMemo(() => {
    const members = response?.members ?? [];
    if (members.length === 0) {
      return undefined;
    }
    const byRef = new Map(members.map(member => [member.entityRef, member]));
    return {
      id: 'budgetStatus',
      title: t('budget.column'),
      render: row => <MemberBudgetCell member={byRef.get(row.entityRef)} />,
      csv: row => byRef.get(row.entityRef)?.status ?? '',
    };
  }, [response, t]);
}
