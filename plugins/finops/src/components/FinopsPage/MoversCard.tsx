import { InfoCard, Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  Mover,
  OverviewResponse,
} from '@backstage-finops/plugin-finops-common';
import { refKind } from '../../lib/entityRefs';
import { formatMoney } from '../../lib/format';
import { finopsTranslationRef } from '../../translation';
import { ChangeText } from '../shared/ChangeText';
import { CsvButton } from '../shared/CsvButton';

const useStyles = makeStyles({
  secondary: { display: 'block' },
  nowrap: { whiteSpace: 'nowrap' },
});

/**
 * Top movers: the entities whose own cost rose and fell most against the
 * previous period, with the absolute and the relative change, among those
 * above the minimum amount (so that $3 → $9 does not top the list).
 */
export function MoversCard(props: {
  movers: OverviewResponse['movers'];
  currency: string;
  periodLabel: string;
  titleOf: (ref: string) => string;
  linkOf: (ref: string) => string | undefined;
  fileName: string;
}) {
  const { movers, currency } = props;
  const { t } = useTranslationRef(finopsTranslationRef);
  const minimum = formatMoney(movers.minimumAmount, currency);
  return (
    <InfoCard
      title={t('overview.moversTitle')}
      subheader={t('overview.moversSubheader', {
        period: props.periodLabel,
        minimum,
      })}
      action={
        <CsvButton
          what={t('overview.moversTitle')}
          fileName={props.fileName}
          table={() => ({
            header: [
              'direction',
              'entityRef',
              'name',
              'amount',
              'previousAmount',
              'change',
              'changeRatio',
              'currency',
            ],
            rows: (['increases', 'decreases'] as const).flatMap(direction =>
              movers[direction].map(mover => [
                direction === 'increases' ? 'increase' : 'decrease',
                mover.entityRef,
                props.titleOf(mover.entityRef),
                mover.amount,
                mover.previousAmount,
                mover.change,
                mover.changeRatio,
                currency,
              ]),
            ),
          })}
        />
      }
    >
      <Grid container spacing={3} data-testid="finops-movers">
        <Grid item xs={12} lg={6}>
          <MoverTable
            title={t('overview.increases')}
            movers={movers.increases}
            empty={t('overview.noIncreases', { minimum })}
            currency={currency}
            titleOf={props.titleOf}
            linkOf={props.linkOf}
          />
        </Grid>
        <Grid item xs={12} lg={6}>
          <MoverTable
            title={t('overview.decreases')}
            movers={movers.decreases}
            empty={t('overview.noDecreases', { minimum })}
            currency={currency}
            titleOf={props.titleOf}
            linkOf={props.linkOf}
          />
        </Grid>
      </Grid>
    </InfoCard>
  );
}

function MoverTable(props: {
  title: string;
  movers: Mover[];
  empty: string;
  currency: string;
  titleOf: (ref: string) => string;
  linkOf: (ref: string) => string | undefined;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  return (
    <Box>
      <Typography variant="subtitle2" component="h3" gutterBottom>
        {props.title}
      </Typography>
      {props.movers.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {props.empty}
        </Typography>
      ) : (
        <Table size="small" aria-label={props.title}>
          <TableHead>
            <TableRow>
              <TableCell>{t('compare.entityColumn')}</TableCell>
              <TableCell align="right">
                {t('overview.previousColumn')}
              </TableCell>
              <TableCell align="right">{t('overview.currentColumn')}</TableCell>
              <TableCell align="right">{t('overview.changeColumn')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {props.movers.map(mover => {
              const link = props.linkOf(mover.entityRef);
              const name = props.titleOf(mover.entityRef);
              return (
                <TableRow key={mover.entityRef} data-testid="finops-mover-row">
                  <TableCell>
                    {link ? <Link to={link}>{name}</Link> : name}
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      className={classes.secondary}
                    >
                      {refKind(mover.entityRef)}
                    </Typography>
                  </TableCell>
                  <TableCell align="right" className={classes.nowrap}>
                    {formatMoney(mover.previousAmount, props.currency)}
                  </TableCell>
                  <TableCell align="right" className={classes.nowrap}>
                    {formatMoney(mover.amount, props.currency)}
                  </TableCell>
                  <TableCell align="right" className={classes.nowrap}>
                    <ChangeText
                      change={mover.change}
                      previous={mover.previousAmount}
                      ratio={mover.changeRatio}
                      currency={props.currency}
                    />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
