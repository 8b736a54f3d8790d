import { useMemo } from 'react';
import { InfoCard, Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import type { CostResponse } from '@backstage-finops/plugin-finops-common';
import { buildBreakdownRows } from '../../lib/costData';
import { csvFileName } from '../../lib/csvExport';
import { BreakdownDimension } from '../../lib/dimensions';
import { refName } from '../../lib/entityRefs';
import { formatMoney, formatShare } from '../../lib/format';
import { shareDecimal } from '../../lib/money';
import { finopsTranslationRef } from '../../translation';
import { CsvButton } from './CsvButton';

const useStyles = makeStyles(theme => ({
  shareBar: { height: 6, borderRadius: 3, minWidth: 60 },
  shareCell: { width: '30%' },
  keyCell: { wordBreak: 'break-all' },
  actions: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
}));

/**
 * The breakdown table of a cost response: each group's amount and share of
 * the total, with a toggle between dimensions and a CSV download.
 */
export function BreakdownCard(props: {
  response: CostResponse;
  periodLabel: string;
  breakdown: BreakdownDimension;
  /** The dimension the response is grouped by (it may lag while loading). */
  shownDimension: BreakdownDimension;
  dimensions: BreakdownDimension[];
  onBreakdownChange: (dimension: BreakdownDimension) => void;
  /** Names a key (an entity ref's title for a breakdown by entity). */
  labelOf?: (key: string) => string;
  /** Links a key to a page (an entity's Cost tab). */
  linkOf?: (key: string) => string | undefined;
  title?: string;
}) {
  const { response, breakdown } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const rows = useMemo(
    () => buildBreakdownRows(response, props.labelOf),
    [response, props.labelOf],
  );
  const dimensionLabel = t(`dimensions.${props.shownDimension}`);
  const dimension = dimensionLabel.toLocaleLowerCase('en-US');

  const csvTable = () => ({
    header: [
      props.shownDimension,
      'name',
      'amount',
      'currency',
      'sharePercent',
    ],
    rows: rows.map(row => [
      row.key,
      row.label,
      row.amount,
      response.currency,
      shareDecimal(row.amount, response.total.amount),
    ]),
  });

  return (
    <InfoCard
      title={props.title ?? t('breakdownCard.title')}
      subheader={t('breakdownCard.subheader', {
        period: props.periodLabel,
        dimension,
      })}
      action={
        <Box className={classes.actions}>
          {props.dimensions.length > 1 && (
            <ToggleButtonGroup
              exclusive
              size="small"
              value={breakdown}
              aria-label={t('breakdownCard.toggleLabel')}
              onChange={(_event, value: BreakdownDimension | null) => {
                if (value) {
                  props.onBreakdownChange(value);
                }
              }}
            >
              {props.dimensions.map(choice => (
                <ToggleButton key={choice} value={choice}>
                  {t(`dimensions.${choice}`)}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          )}
          <CsvButton
            what={t('breakdownCard.tableLabel', { dimension: dimensionLabel })}
            fileName={csvFileName([
              refName(response.entityRef),
              'by',
              props.shownDimension,
              response.from,
              response.to,
            ])}
            table={csvTable}
            disabled={rows.length === 0}
          />
        </Box>
      }
    >
      {rows.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {t('breakdownCard.noRows', { dimension })}
        </Typography>
      ) : (
        <Table
          size="small"
          aria-label={t('breakdownCard.tableLabel', {
            dimension: dimensionLabel,
          })}
        >
          <TableHead>
            <TableRow>
              <TableCell>{dimensionLabel}</TableCell>
              <TableCell align="right">
                {t('breakdownCard.costColumn')}
              </TableCell>
              <TableCell align="right">
                {t('breakdownCard.shareColumn')}
              </TableCell>
              <TableCell className={classes.shareCell} />
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(row => {
              const link = props.linkOf?.(row.key);
              return (
                <TableRow key={row.key} data-testid="finops-breakdown-row">
                  <TableCell className={classes.keyCell}>
                    {link ? <Link to={link}>{row.label}</Link> : row.label}
                  </TableCell>
                  <TableCell align="right">
                    {formatMoney(row.amount, response.currency)}
                  </TableCell>
                  <TableCell align="right">{formatShare(row.share)}</TableCell>
                  <TableCell className={classes.shareCell}>
                    <LinearProgress
                      variant="determinate"
                      className={classes.shareBar}
                      value={Math.max(0, Math.min(100, row.share ?? 0))}
                      aria-hidden
                    />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
