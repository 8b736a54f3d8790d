import { useState } from 'react';
import { InfoCard, Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  moneyFromDecimal,
  percentOf,
  type KeyAmount,
} from '@backstage-finops/plugin-finops-common';
import { groupLabel } from '../../lib/costData';
import { formatMoney, formatShare } from '../../lib/format';
import { shareDecimal } from '../../lib/money';
import { finopsTranslationRef } from '../../translation';
import { CsvButton } from '../shared/CsvButton';

/** Rows shown before "Show all". */
const SHOWN = 8;

const useStyles = makeStyles(theme => ({
  label: { wordBreak: 'break-word', paddingLeft: 0 },
  bar: { height: 8, borderRadius: 4, marginTop: theme.spacing(0.5) },
  amount: { whiteSpace: 'nowrap', paddingRight: 0 },
  share: { color: theme.palette.text.secondary, whiteSpace: 'nowrap' },
}));

/**
 * A small card of spend by one key (team, service category, account,
 * provider): each entry as a bar of its share of the total, its amount and
 * share, the largest first; a CSV download of every entry.
 */
export function KeyAmountCard(props: {
  title: string;
  entries: KeyAmount[];
  total: string;
  currency: string;
  /** The CSV's first column, e.g. `team`. */
  keyName: string;
  fileName: string;
  labelOf?: (key: string) => string;
  linkOf?: (key: string) => string | undefined;
  testId?: string;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const [showAll, setShowAll] = useState(false);
  const total = moneyFromDecimal(props.total);
  const label = (key: string) => props.labelOf?.(key) ?? groupLabel(key);
  const shown = showAll ? props.entries : props.entries.slice(0, SHOWN);
  return (
    <InfoCard
      title={props.title}
      action={
        <CsvButton
          what={props.title}
          fileName={props.fileName}
          disabled={props.entries.length === 0}
          table={() => ({
            header: [
              props.keyName,
              'name',
              'amount',
              'currency',
              'sharePercent',
            ],
            rows: props.entries.map(entry => [
              entry.key,
              label(entry.key),
              entry.amount,
              props.currency,
              shareDecimal(entry.amount, props.total),
            ]),
          })}
        />
      }
    >
      <Box data-testid={props.testId}>
        {props.entries.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            {t('overview.noSpend')}
          </Typography>
        ) : (
          <Table size="small" aria-label={props.title}>
            <TableBody>
              {shown.map(entry => {
                const share = percentOf(moneyFromDecimal(entry.amount), total);
                const link = props.linkOf?.(entry.key);
                return (
                  <TableRow key={entry.key} data-testid="finops-key-amount-row">
                    <TableCell className={classes.label}>
                      {link ? (
                        <Link to={link}>{label(entry.key)}</Link>
                      ) : (
                        label(entry.key)
                      )}
                      <LinearProgress
                        variant="determinate"
                        className={classes.bar}
                        value={Math.max(0, Math.min(100, share ?? 0))}
                        aria-hidden
                      />
                    </TableCell>
                    <TableCell align="right" className={classes.amount}>
                      {formatMoney(entry.amount, props.currency)}
                      <br />
                      <span className={classes.share}>
                        {formatShare(share)}
                      </span>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
        {props.entries.length > SHOWN && (
          <Box mt={1}>
            <Button size="small" onClick={() => setShowAll(!showAll)}>
              {showAll
                ? t('overview.showFewer')
                : t('overview.showAll', { count: props.entries.length })}
            </Button>
          </Box>
        )}
      </Box>
    </InfoCard>
  );
}
