import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  catalogApiRef,
  defaultEntityPresentation,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { finopsApiRef } from '../../api';
import { formatMoney, formatShare } from '../../lib/format';
import { finopsTranslationRef } from '../../translation';
import { CostErrorPanel } from '../shared/CostErrorPanel';
import { MetadataIssues } from './MetadataIssues';
import { useEntityCostLink } from '../shared/useEntityCostLink';
import { useEntityTitles } from '../shared/useEntityTitles';

const useStyles = makeStyles(theme => ({
  picker: { maxWidth: 400, marginBottom: theme.spacing(2) },
  entity: {
    borderTop: `1px solid ${theme.palette.divider}`,
    padding: theme.spacing(1.5, 0),
  },
  score: { fontWeight: theme.typography.fontWeightBold as number },
}));

/** The catalog's groups, for the picker; none without a catalog. */
function useGroups() {
  const catalogApi = useApiHolder().get(catalogApiRef);
  return useAsync(async () => {
    if (!catalogApi) {
      return [];
    }
    const response = await catalogApi.getEntities({
      filter: { kind: 'Group' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile.displayName',
      ],
    });
    return response.items
      .map(entity => ({
        ref: stringifyEntityRef(entity),
        title: defaultEntityPresentation(entity).primaryTitle,
      }))
      .sort((a, b) => a.title.localeCompare(b.title));
  }, [catalogApi]);
}

/**
 * A team's compliance (`GET /ownership/compliance`): picked from the
 * catalog's groups, its score (owned entities whose metadata follows the
 * policy), each entity's issues with the YAML to add, and the unallocated
 * spend in the accounts its spend is in.
 */
export function ComplianceCard(props: {
  team?: string;
  onTeamChange: (team: string | undefined) => void;
  from: string;
  to: string;
  currency?: string;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const finopsApi = useApi(finopsApiRef);
  const groups = useGroups();
  const { team, from, to, currency } = props;
  const state = useAsyncRetry(async () => {
    if (!team) {
      return undefined;
    }
    return finopsApi.getOwnershipCompliance({
      entityRef: team,
      from,
      to,
      ...(currency ? { currency } : {}),
    });
  }, [finopsApi, team, from, to, currency]);
  const compliance = state.value;
  const titleOf = useEntityTitles([
    ...(team ? [team] : []),
    ...(compliance?.entities.map(entity => entity.entityRef) ?? []),
  ]);
  const linkOf = useEntityCostLink('');
  const options = groups.value ?? [];
  const chosen = team
    ? options.find(option => option.ref === team) ?? {
        ref: team,
        title: titleOf(team),
      }
    : null;

  let body: JSX.Element | null = null;
  if (!team) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {t('ownership.pickTeam')}
      </Typography>
    );
  } else if (state.error) {
    body = (
      <CostErrorPanel
        error={state.error}
        entityRef={team}
        onRetry={state.retry}
      />
    );
  } else if (state.loading || !compliance) {
    body = <Progress />;
  } else {
    const { score, unallocatedInAccounts } = compliance;
    const withIssues = compliance.entities.filter(
      entity => entity.issues.length > 0,
    );
    body = (
      <Box data-testid="finops-compliance">
        <Typography
          variant="h5"
          component="p"
          className={classes.score}
          data-testid="finops-compliance-score"
        >
          {score.total === 0
            ? t('ownership.noEntities')
            : t('ownership.score', {
                percent: formatShare(score.percent),
                compliant: String(score.compliant),
                total: String(score.total),
              })}
        </Typography>
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {unallocatedInAccounts.accounts.length === 0
            ? t('ownership.noUnallocatedInAccounts')
            : t('ownership.unallocatedInAccounts', {
                amount: formatMoney(
                  unallocatedInAccounts.amount,
                  unallocatedInAccounts.currency,
                ),
                accounts: unallocatedInAccounts.accounts
                  .map(
                    account =>
                      `${account.account} (${formatMoney(
                        account.amount,
                        unallocatedInAccounts.currency,
                      )})`,
                  )
                  .join(', '),
              })}
        </Typography>
        {withIssues.length === 0 && score.total > 0 && (
          <Typography variant="body2">{t('ownership.allCompliant')}</Typography>
        )}
        {withIssues.map(entity => {
          const link = linkOf(entity.entityRef);
          return (
            <Box
              key={entity.entityRef}
              className={classes.entity}
              data-testid="finops-compliance-entity"
            >
              <Typography variant="subtitle2">
                {link ? (
                  <Link to={link}>{titleOf(entity.entityRef)}</Link>
                ) : (
                  titleOf(entity.entityRef)
                )}{' '}
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="span"
                >
                  {entity.entityRef}
                </Typography>
              </Typography>
              <MetadataIssues issues={entity.issues} />
            </Box>
          );
        })}
      </Box>
    );
  }

  return (
    <InfoCard
      title={t('ownership.complianceTitle')}
      subheader={t('ownership.complianceSubheader')}
    >
      <Autocomplete<{ ref: string; title: string }, false, false, false>
        id="finops-ownership-team"
        className={classes.picker}
        options={options}
        loading={groups.loading}
        value={chosen}
        getOptionLabel={option => option.title}
        getOptionSelected={(option, selected) => option.ref === selected.ref}
        onChange={(_event, value) => props.onTeamChange(value?.ref)}
        noOptionsText={t('compare.noOptions')}
        loadingText={t('compare.loadingOptions')}
        renderInput={params => (
          <TextField
            {...params}
            variant="outlined"
            size="small"
            label={t('ownership.teamLabel')}
          />
        )}
      />
      {body}
    </InfoCard>
  );
}
