import { InfoCard, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { CoverageResponse } from '@backstage-finops/plugin-finops-common';
import { formatMoney } from '../../lib/format';
import { finopsTranslationRef } from '../../translation';
import { CostErrorPanel } from '../shared/CostErrorPanel';
import { CsvButton } from '../shared/CsvButton';

const useStyles = makeStyles(theme => ({
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  resource: { overflowWrap: 'anywhere', display: 'block' },
  nowrap: { whiteSpace: 'nowrap' },
  cell: { verticalAlign: 'top' },
}));

/**
 * The largest unallocated spend (`GET /coverage`): each tag set and account
 * that no attribution rule matched, its amount and its top resources, so
 * that someone can tag them or annotate an entity.
 */
export function UnallocatedCard(props: {
  coverage?: CoverageResponse;
  loading: boolean;
  error?: Error;
  onRetry: () => void;
  fileName: string;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const { coverage } = props;
  let body: JSX.Element;
  if (props.error) {
    body = (
      <CostErrorPanel
        error={props.error}
        entityRef={t('overview.organisation')}
        onRetry={props.onRetry}
      />
    );
  } else if (!coverage) {
    body = <Progress />;
  } else if (coverage.unallocatedItems.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {t('overview.nothingUnallocated')}
      </Typography>
    );
  } else {
    body = (
      <Table size="small" aria-label={t('overview.unallocatedTitle')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('overview.tagsColumn')}</TableCell>
            <TableCell>{t('overview.accountColumn')}</TableCell>
            <TableCell align="right">{t('overview.amountColumn')}</TableCell>
            <TableCell>{t('overview.topResourcesColumn')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {coverage.unallocatedItems.map(item => {
            const tags = Object.entries(item.tags);
            return (
              <TableRow
                key={`${item.billingAccountId}|${
                  item.subAccountId
                }|${JSON.stringify(item.tags)}`}
                data-testid="finops-unallocated-row"
              >
                <TableCell className={classes.cell}>
                  {tags.length === 0 ? (
                    <Typography
                      variant="body2"
                      color="textSecondary"
                      className={classes.nowrap}
                    >
                      {t('overview.noTags')}
                    </Typography>
                  ) : (
                    <Box className={classes.chips}>
                      {tags.map(([key, value]) => (
                        <Chip
                          key={key}
                          size="small"
                          variant="outlined"
                          label={`${key}=${value}`}
                        />
                      ))}
                    </Box>
                  )}
                </TableCell>
                <TableCell className={classes.cell}>
                  {item.subAccountId || item.billingAccountId}
                  {item.subAccountId &&
                    item.subAccountId !== item.billingAccountId && (
                      <Typography
                        variant="caption"
                        color="textSecondary"
                        component="span"
                        className={classes.resource}
                      >
                        {t('overview.billingAccount', {
                          account: item.billingAccountId,
                        })}
                      </Typography>
                    )}
                </TableCell>
                <TableCell
                  align="right"
                  className={`${classes.cell} ${classes.nowrap}`}
                >
                  {formatMoney(item.amount, coverage.currency)}
                </TableCell>
                <TableCell className={classes.cell}>
                  {item.topResources.map(resource => (
                    <Typography
                      key={`${resource.resourceId}|${resource.serviceName}`}
                      variant="caption"
                      component="span"
                      className={classes.resource}
                    >
                      {resource.resourceId || t('overview.noResource')} ·{' '}
                      {resource.serviceName} ·{' '}
                      {formatMoney(resource.amount, coverage.currency)}
                    </Typography>
                  ))}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    );
  }
  return (
    <InfoCard
      title={t('overview.unallocatedTitle')}
      subheader={
        coverage
          ? t('overview.unallocatedSubheader', {
              amount: formatMoney(
                coverage.unallocated.amount,
                coverage.currency,
              ),
            })
          : undefined
      }
      action={
        <CsvButton
          what={t('overview.unallocatedTitle')}
          fileName={props.fileName}
          disabled={!coverage || coverage.unallocatedItems.length === 0}
          table={() => ({
            header: [
              'tags',
              'billingAccountId',
              'subAccountId',
              'amount',
              'currency',
              'topResources',
            ],
            rows: (coverage?.unallocatedItems ?? []).map(item => [
              JSON.stringify(item.tags),
              item.billingAccountId,
              item.subAccountId,
              item.amount,
              coverage!.currency,
              item.topResources
                .map(
                  resource =>
                    `${resource.resourceId} (${resource.serviceName}): ${resource.amount}`,
                )
                .join('; '),
            ]),
          })}
        />
      }
    >
      <Box data-testid="finops-unallocated">{body}</Box>
    </InfoCard>
  );
}
