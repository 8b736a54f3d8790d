import { CodeSnippet, EmptyState } from '@backstage/core-components';
import type { Entity } from '@backstage/catalog-model';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_CLOUD_ACCOUNTS,
  ANNOTATION_COST_TAGS,
  type CostResponse,
} from '@backstage-finops/plugin-finops-common';
import { finopsTranslationRef } from '../../translation';
import { AttributionHints, buildAttributionHints } from './attributionHints';

function TagCode(props: { hints: AttributionHints }) {
  return (
    <code>
      {props.hints.tagKey}: {props.hints.entityName}
    </code>
  );
}

/**
 * What the Cost tab shows when nothing is attributed: how to attribute cost,
 * with the entity's own YAML. The tag keys are the ones attribution reads, as
 * the cost response gives them.
 */
export function CostEmptyState(props: {
  entity: Entity;
  periodLabel: string;
  attributionTagKeys: CostResponse['attributionTagKeys'];
}) {
  const { t } = useTranslationRef(finopsTranslationRef);
  const hints = buildAttributionHints(props.entity, props.attributionTagKeys);
  const otherKeys = hints.tagKeys.filter(key => key !== hints.tagKey);
  const byTag = hints.tagKeys.length > 0;
  const tag = <TagCode hints={hints} />;
  const keys = <code>{otherKeys.join(', ')}</code>;
  let tagStep: JSX.Element;
  if (hints.ownerTag) {
    tagStep =
      otherKeys.length > 0
        ? t('emptyState.groupTagStepWithOtherKeys', { tag, keys })
        : t('emptyState.groupTagStep', { tag });
  } else {
    tagStep =
      otherKeys.length > 0
        ? t('emptyState.tagStepWithOtherKeys', { tag, keys })
        : t('emptyState.tagStep', { tag });
  }
  const annotations = {
    costTags: <code>{ANNOTATION_COST_TAGS}</code>,
    cloudAccounts: <code>{ANNOTATION_CLOUD_ACCOUNTS}</code>,
  };
  const howTo = (
    <Box maxWidth={760}>
      <Typography variant="body1" component="div">
        {t('emptyState.ways')}
        <ol>
          {byTag && <li>{tagStep}</li>}
          <li>
            {byTag
              ? t('emptyState.orAnnotateStep', annotations)
              : t('emptyState.annotateStep', annotations)}
          </li>
        </ol>
      </Typography>
      <Box data-testid="finops-annotation-snippet">
        <CodeSnippet text={hints.yaml} language="yaml" showCopyCodeButton />
      </Box>
      <Typography variant="body2" color="textSecondary">
        {t('emptyState.pickedUp')}
      </Typography>
    </Box>
  );
  return (
    <EmptyState
      missing="data"
      title={t('emptyState.title')}
      description={t('emptyState.description', {
        entityName: hints.entityName,
        period: props.periodLabel.toLocaleLowerCase('en-US'),
      })}
      action={howTo}
    />
  );
}

/** The compact empty state of the overview card. */
export function CompactCostEmptyState(props: {
  entity: Entity;
  periodLabel: string;
  attributionTagKeys: CostResponse['attributionTagKeys'];
}) {
  const { t } = useTranslationRef(finopsTranslationRef);
  const hints = buildAttributionHints(props.entity, props.attributionTagKeys);
  const costTags = <code>{ANNOTATION_COST_TAGS}</code>;
  return (
    <Box data-testid="finops-empty">
      <Typography variant="body2" paragraph>
        {t('emptyState.compactDescription', {
          entityName: <strong>{hints.entityName}</strong>,
          period: props.periodLabel.toLocaleLowerCase('en-US'),
        })}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {hints.tagKeys.length > 0
          ? t('emptyState.compactTagOrAnnotate', {
              tag: <TagCode hints={hints} />,
              costTags,
            })
          : t('emptyState.compactAnnotate', { costTags })}
      </Typography>
    </Box>
  );
}
