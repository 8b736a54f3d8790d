import { CodeSnippet, EmptyState } from '@backstage/core-components';
import type { Entity } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_CLOUD_ACCOUNTS,
  ANNOTATION_COST_TAGS,
  type CostResponse,
} from '@backstage-finops/plugin-finops-common';
import { buildAttributionHints } from './attributionHints';

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
  const hints = buildAttributionHints(props.entity, props.attributionTagKeys);
  const otherKeys = hints.tagKeys.filter(key => key !== hints.tagKey);
  const byTag = hints.tagKeys.length > 0;
  const howTo = (
    <Box maxWidth={760}>
      <Typography variant="body1" component="div">
        Cost reaches a catalog entity in one of these ways:
        <ol>
          {byTag && (
            <li>
              Tag its cloud resources with{' '}
              <code>
                {hints.tagKey}: {hints.entityName}
              </code>
              {otherKeys.length > 0 && (
                <>
                  {' '}
                  (the tag keys <code>{otherKeys.join(', ')}</code> work too)
                </>
              )}
              {hints.ownerTag &&
                '; cost of the components this group owns is included as well'}
              .
            </li>
          )}
          <li>
            {byTag ? 'Or annotate' : 'Annotate'} the entity with{' '}
            <code>{ANNOTATION_COST_TAGS}</code> (tag pairs its resources carry)
            or <code>{ANNOTATION_CLOUD_ACCOUNTS}</code> (accounts whose whole
            cost is its own):
          </li>
        </ol>
      </Typography>
      <Box data-testid="finops-annotation-snippet">
        <CodeSnippet text={hints.yaml} language="yaml" showCopyCodeButton />
      </Box>
      <Typography variant="body2" color="textSecondary">
        New tags show up with the next billing import; annotation changes are
        picked up within minutes.
      </Typography>
    </Box>
  );
  return (
    <EmptyState
      missing="data"
      title="No cost attributed yet"
      description={`No cloud cost is attributed to ${
        hints.entityName
      } in the ${props.periodLabel.toLocaleLowerCase('en-US')}.`}
      action={howTo}
    />
  );
}

/** The compact empty state of the overview card. */
export function CompactCostEmptyState(props: {
  entity: Entity;
  attributionTagKeys: CostResponse['attributionTagKeys'];
}) {
  const hints = buildAttributionHints(props.entity, props.attributionTagKeys);
  return (
    <Box data-testid="finops-empty">
      <Typography variant="body2" paragraph>
        No cost is attributed to <strong>{hints.entityName}</strong> in the last
        30 days.
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {hints.tagKeys.length > 0 ? (
          <>
            Tag its cloud resources with{' '}
            <code>
              {hints.tagKey}: {hints.entityName}
            </code>{' '}
            or annotate it
          </>
        ) : (
          'Annotate it'
        )}{' '}
        with <code>{ANNOTATION_COST_TAGS}</code>; the Cost tab shows how.
      </Typography>
    </Box>
  );
}
