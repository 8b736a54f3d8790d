import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import useAsync from 'react-use/esm/useAsync';
import { finopsApiRef } from '../../api';
import { finopsTranslationRef } from '../../translation';
import { MetadataIssues } from './MetadataIssues';

/**
 * Whether an entity's ownership and cost metadata follow the organisation's
 * policy, and what to add if not. Shows nothing while loading, and nothing
 * when the policy cannot be read for the entity (a status, not a page that
 * fails).
 */
export function CostMetadataStatus(props: { entityRef: string }) {
  const { t } = useTranslationRef(finopsTranslationRef);
  const finopsApi = useApi(finopsApiRef);
  const { entityRef } = props;
  const state = useAsync(
    async () => finopsApi.getOwnershipCompliance({ entityRef }),
    [finopsApi, entityRef],
  );
  const own = state.value?.entities.find(
    entity => entity.entityRef === entityRef,
  );
  if (!own) {
    return null;
  }
  return (
    <InfoCard
      title={t('ownership.metadataTitle')}
      subheader={t('ownership.metadataSubheader')}
    >
      <Box
        data-testid="finops-metadata-status"
        data-complete={String(own.issues.length === 0)}
      >
        {own.issues.length === 0 ? (
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <CheckCircleIcon style={{ color: '#2e7d32' }} fontSize="small" />
            <Typography variant="body2">
              {t('ownership.metadataComplete')}
            </Typography>
          </Box>
        ) : (
          <>
            <Typography variant="body2">
              {t('ownership.metadataMissing')}
            </Typography>
            <MetadataIssues issues={own.issues} />
          </>
        )}
      </Box>
    </InfoCard>
  );
}
