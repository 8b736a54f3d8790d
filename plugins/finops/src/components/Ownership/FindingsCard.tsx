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
import { formatMoney } from '../../lib/format';
import {
  itemAccount,
  sortFindings,
  type PolicyFindingsResponse,
} from '../../lib/ownership';
import { finopsTranslationRef } from '../../translation';
import { CostErrorPanel } from '../shared/CostErrorPanel';
import { CsvButton } from '../shared/CsvButton';

const useStyles = makeStyles(theme => ({
  cell: { verticalAlign: 'top' },
  nowrap: { whiteSpace: 'nowrap' },
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    alignItems: 'center',
    marginBottom: theme.spacing(0.5),
  },
}));

/** The required tags checked, in words: "team, environment (prod, staging, dev)". */
function requiredTagsText(
  requiredTags: PolicyFindingsResponse['requiredTags'],
): string {
  return requiredTags
    .map(tag =>
      tag.values && tag.values.length > 0
        ? `${tag.key} (${tag.values.join(', ')})`
        : tag.key,
    )
    .join(', ');
}

/**
 * The tagging policy checked against billing data
 * (`GET /ownership/findings`): each finding in words with its tag, value,
 * severity, cost in the period and per month and the tag sets it is on,
 * worst first; when there is none, which required tags were checked.
 */
export function FindingsCard(props: {
  findings?: PolicyFindingsResponse;
  error?: Error;
  onRetry: () => void;
  fileName: string;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const { findings } = props;
  const sorted = findings ? sortFindings(findings.findings) : [];
  let body: JSX.Element;
  if (props.error) {
    body = (
      <CostErrorPanel
        error={props.error}
        entityRef={t('overview.organisation')}
        onRetry={props.onRetry}
      />
    );
  } else if (!findings) {
    body = <Progress />;
  } else if (sorted.length === 0) {
    body = (
      <Typography
        variant="body2"
        color="textSecondary"
        data-testid="finops-findings-empty"
      >
        {findings.requiredTags.length === 0
          ? t('ownership.noRequiredTags')
          : t('ownership.noFindings', {
              tags: requiredTagsText(findings.requiredTags),
            })}
      </Typography>
    );
  } else {
    const currency = findings.currency;
    body = (
      <>
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {findings.requiredTags.length === 0
            ? t('ownership.noRequiredTags')
            : t('ownership.checkedTags', {
                tags: requiredTagsText(findings.requiredTags),
              })}
        </Typography>
        <Table size="small" aria-label={t('ownership.findingsTitle')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('ownership.findingColumn')}</TableCell>
              <TableCell>{t('ownership.tagColumn')}</TableCell>
              <TableCell>{t('ownership.valueColumn')}</TableCell>
              <TableCell>{t('ownership.severityColumn')}</TableCell>
              <TableCell align="right">
                {t('ownership.periodCostColumn')}
              </TableCell>
              <TableCell align="right">
                {t('ownership.monthlyCostColumn')}
              </TableCell>
              <TableCell>{t('ownership.tagSetsColumn')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {sorted.map(finding => (
              <TableRow
                key={`${finding.kind}|${finding.tagKey}|${finding.value}`}
                data-testid="finops-finding-row"
              >
                <TableCell className={classes.cell}>
                  <Typography variant="body2">
                    {t(`ownership.findingKinds.${finding.kind}`)}
                  </Typography>
                  <Typography variant="caption" color="textSecondary">
                    {finding.message}
                  </Typography>
                </TableCell>
                <TableCell className={`${classes.cell} ${classes.nowrap}`}>
                  <code>{finding.tagKey}</code>
                </TableCell>
                <TableCell className={`${classes.cell} ${classes.nowrap}`}>
                  {finding.value === null ? (
                    <Typography variant="body2" color="textSecondary">
                      {t('ownership.noValue')}
                    </Typography>
                  ) : (
                    <code>{finding.value}</code>
                  )}
                </TableCell>
                <TableCell className={classes.cell}>
                  <Chip
                    size="small"
                    color={
                      finding.severity === 'error' ? 'secondary' : 'default'
                    }
                    label={t(`ownership.severities.${finding.severity}`)}
                  />
                </TableCell>
                <TableCell
                  align="right"
                  className={`${classes.cell} ${classes.nowrap}`}
                >
                  {formatMoney(finding.amount, currency)}
                </TableCell>
                <TableCell
                  align="right"
                  className={`${classes.cell} ${classes.nowrap}`}
                >
                  {t('ownership.perMonth', {
                    amount: formatMoney(finding.monthlyAmount, currency),
                  })}
                </TableCell>
                <TableCell className={classes.cell}>
                  <Typography variant="caption" color="textSecondary">
                    {t('ownership.tagSets', { count: finding.costKeys })}
                  </Typography>
                  {finding.examples.map(example => (
                    <Box
                      key={`${itemAccount(example)}|${JSON.stringify(
                        example.tags,
                      )}`}
                      className={classes.chips}
                    >
                      {Object.keys(example.tags).length === 0 ? (
                        <Typography variant="caption" color="textSecondary">
                          {t('overview.noTags')}
                        </Typography>
                      ) : (
                        Object.entries(example.tags).map(([key, value]) => (
                          <Chip
                            key={key}
                            size="small"
                            variant="outlined"
                            label={`${key}=${value}`}
                          />
                        ))
                      )}
                      <Typography variant="caption">
                        {t('ownership.exampleWhere', {
                          account: itemAccount(example),
                          amount: formatMoney(example.amount, currency),
                        })}
                      </Typography>
                    </Box>
                  ))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </>
    );
  }
  return (
    <InfoCard
      title={t('ownership.findingsTitle')}
      subheader={t('ownership.findingsSubheader')}
      action={
        <CsvButton
          what={t('ownership.findingsTitle')}
          fileName={props.fileName}
          disabled={sorted.length === 0}
          table={() => ({
            header: [
              'kind',
              'severity',
              'tagKey',
              'value',
              'amount',
              'monthlyAmount',
              'currency',
              'costKeys',
              'message',
            ],
            rows: sorted.map(finding => [
              finding.kind,
              finding.severity,
              finding.tagKey,
              finding.value,
              finding.amount,
              finding.monthlyAmount,
              findings!.currency,
              finding.costKeys,
              finding.message,
            ]),
          })}
        />
      }
    >
      <Box data-testid="finops-ownership-findings">{body}</Box>
    </InfoCard>
  );
}
