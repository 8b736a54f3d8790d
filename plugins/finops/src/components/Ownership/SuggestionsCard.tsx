import { useMemo } from 'react';
import {
  CopyTextButton,
  InfoCard,
  Link,
  Progress,
} from '@backstage/core-components';
import { useApiHolder } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsync from 'react-use/esm/useAsync';
import { formatMoney } from '../../lib/format';
import {
  annotationFor,
  confidenceLevel,
  EDIT_URL_ANNOTATION,
  itemAccount,
  type OwnerSuggestion,
  type OwnershipSuggestionsResponse,
  type UnallocatedItem,
} from '../../lib/ownership';
import { finopsTranslationRef } from '../../translation';
import { CostErrorPanel } from '../shared/CostErrorPanel';
import { CsvButton } from '../shared/CsvButton';
import { useEntityCostLink } from '../shared/useEntityCostLink';
import { useEntityTitles } from '../shared/useEntityTitles';

const LEVEL_COLOURS = { high: '#2E7D32', medium: '#EF6C00', low: '#757575' };

const useStyles = makeStyles(theme => ({
  item: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(1),
  },
  amount: { fontWeight: theme.typography.fontWeightBold as number },
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  resource: { overflowWrap: 'anywhere', display: 'block' },
  suggestion: {
    borderLeft: `3px solid ${theme.palette.primary.main}`,
    paddingLeft: theme.spacing(1.5),
    marginTop: theme.spacing(1.5),
  },
  evidence: { margin: theme.spacing(0.5, 0), paddingLeft: theme.spacing(2.5) },
  snippet: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
  yaml: {
    margin: 0,
    padding: theme.spacing(1, 1.5),
    background: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    fontSize: 13,
    overflowX: 'auto',
    flex: '0 1 auto',
  },
  level: { color: '#fff', fontWeight: 600 },
}));

/** The catalog's entities by ref (their annotations), when the app has a catalog. */
function useEntities(refs: string[]): Map<string, Entity> {
  const catalogApi = useApiHolder().get(catalogApiRef);
  const key = [...new Set(refs)].sort().join('\n');
  const state = useAsync(async () => {
    const found = new Map<string, Entity>();
    if (!catalogApi || !key) {
      return found;
    }
    const response = await catalogApi.getEntitiesByRefs({
      entityRefs: key.split('\n'),
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
      ],
    });
    for (const entity of response.items) {
      if (entity) {
        found.set(stringifyEntityRef(entity), entity);
      }
    }
    return found;
  }, [catalogApi, key]);
  return useMemo(() => state.value ?? new Map(), [state.value]);
}

function Suggestion(props: {
  item: UnallocatedItem;
  suggestion: OwnerSuggestion;
  title: string;
  link?: string;
  entity?: Entity;
}) {
  const { suggestion } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const level = confidenceLevel(suggestion.confidence);
  const annotation = annotationFor(props.item, suggestion);
  const editUrl = props.entity?.metadata.annotations?.[EDIT_URL_ANNOTATION];
  return (
    <Box className={classes.suggestion} data-testid="finops-suggestion">
      <Box className={classes.head}>
        <Typography variant="subtitle2" component="span">
          {props.link ? (
            <Link to={props.link}>{props.title}</Link>
          ) : (
            props.title
          )}
        </Typography>
        <Chip
          size="small"
          className={classes.level}
          style={{ backgroundColor: LEVEL_COLOURS[level] }}
          label={t('ownership.confidence', {
            percent: `${Math.round(suggestion.confidence * 100)}%`,
            level: t(`ownership.levels.${level}`),
          })}
          data-testid="finops-suggestion-confidence"
        />
      </Box>
      <ul className={classes.evidence}>
        {suggestion.evidence.map(evidence => (
          <li key={`${evidence.kind}|${evidence.detail}`}>
            <Typography variant="body2" component="span">
              {evidence.detail}
            </Typography>
          </li>
        ))}
      </ul>
      <Typography variant="caption" color="textSecondary">
        {t('ownership.addAnnotation', { entity: props.title })}
      </Typography>
      <Box className={classes.snippet}>
        <pre className={classes.yaml} data-testid="finops-suggestion-yaml">
          {annotation.yaml}
        </pre>
        <CopyTextButton
          text={annotation.yaml}
          tooltipText={t('ownership.copied')}
          aria-label={t('ownership.copyAnnotation')}
        />
        {editUrl && (
          <Link to={editUrl} data-testid="finops-suggestion-edit">
            {t('ownership.editCatalogInfo')}
          </Link>
        )}
      </Box>
    </Box>
  );
}

/**
 * The largest unallocated spend with suggested owners
 * (`GET /ownership/suggestions`): each item's tags, account, amount and top
 * resources; each suggestion's entity, confidence and evidence, and the
 * annotation to add to its catalog-info.yaml (copyable, with a link to edit
 * the file where the catalog knows it).
 */
export function SuggestionsCard(props: {
  suggestions?: OwnershipSuggestionsResponse;
  error?: Error;
  onRetry: () => void;
  fileName: string;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const { suggestions } = props;
  const refs = (suggestions?.items ?? []).flatMap(item =>
    item.suggestions.map(suggestion => suggestion.entityRef),
  );
  const titleOf = useEntityTitles(refs);
  const entities = useEntities(refs);
  const linkOf = useEntityCostLink('');
  let body: JSX.Element;
  if (props.error) {
    body = (
      <CostErrorPanel
        error={props.error}
        entityRef={t('overview.organisation')}
        onRetry={props.onRetry}
      />
    );
  } else if (!suggestions) {
    body = <Progress />;
  } else if (suggestions.items.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {t('overview.nothingUnallocated')}
      </Typography>
    );
  } else {
    body = (
      <>
        {suggestions.items.map(item => {
          const tags = Object.entries(item.tags);
          const account = itemAccount(item);
          return (
            <Box
              key={`${item.billingAccountId}|${
                item.subAccountId
              }|${JSON.stringify(item.tags)}`}
              className={classes.item}
              data-testid="finops-suggestion-item"
            >
              <Box className={classes.head}>
                <Typography
                  variant="h6"
                  component="span"
                  className={classes.amount}
                >
                  {formatMoney(item.amount, suggestions.currency)}
                </Typography>
                <Typography variant="body2" color="textSecondary">
                  {t('ownership.inAccount', { account })}
                  {item.subAccountId &&
                    item.subAccountId !== item.billingAccountId &&
                    ` (${t('overview.billingAccount', {
                      account: item.billingAccountId,
                    })})`}
                </Typography>
                <Box className={classes.chips}>
                  {tags.length === 0 ? (
                    <Typography variant="body2" color="textSecondary">
                      {t('overview.noTags')}
                    </Typography>
                  ) : (
                    tags.map(([key, value]) => (
                      <Chip
                        key={key}
                        size="small"
                        variant="outlined"
                        label={`${key}=${value}`}
                      />
                    ))
                  )}
                </Box>
              </Box>
              <Box mt={1}>
                <Typography variant="caption" color="textSecondary">
                  {t('overview.topResourcesColumn')}
                </Typography>
                {item.topResources.map(resource => (
                  <Typography
                    key={`${resource.resourceId}|${resource.serviceName}`}
                    variant="caption"
                    component="span"
                    className={classes.resource}
                  >
                    {resource.resourceId || t('overview.noResource')} ·{' '}
                    {resource.serviceName} ·{' '}
                    {formatMoney(resource.amount, suggestions.currency)}
                  </Typography>
                ))}
              </Box>
              {item.suggestions.length === 0 ? (
                <Box mt={1}>
                  <Typography variant="body2" color="textSecondary">
                    {t('ownership.noSuggestion')}
                  </Typography>
                </Box>
              ) : (
                item.suggestions.map(suggestion => (
                  <Suggestion
                    key={suggestion.entityRef}
                    item={item}
                    suggestion={suggestion}
                    title={titleOf(suggestion.entityRef)}
                    link={linkOf(suggestion.entityRef)}
                    entity={entities.get(suggestion.entityRef)}
                  />
                ))
              )}
            </Box>
          );
        })}
      </>
    );
  }
  return (
    <InfoCard
      title={t('ownership.suggestionsTitle')}
      subheader={t('ownership.suggestionsSubheader')}
      action={
        <CsvButton
          what={t('ownership.suggestionsTitle')}
          fileName={props.fileName}
          disabled={!suggestions || suggestions.items.length === 0}
          table={() => suggestionsCsv(suggestions!)}
        />
      }
    >
      <Box data-testid="finops-ownership-suggestions">{body}</Box>
    </InfoCard>
  );
}

/** The items as CSV: one row per item and suggestion (or one without). */
export function suggestionsCsv(suggestions: OwnershipSuggestionsResponse) {
  return {
    header: [
      'tags',
      'billingAccountId',
      'subAccountId',
      'amount',
      'currency',
      'topResources',
      'suggestedEntityRef',
      'confidence',
      'annotation',
      'evidence',
    ],
    rows: suggestions.items.flatMap(item => {
      const base = [
        JSON.stringify(item.tags),
        item.billingAccountId,
        item.subAccountId,
        item.amount,
        suggestions.currency,
        item.topResources
          .map(
            resource =>
              `${resource.resourceId} (${resource.serviceName}): ${resource.amount}`,
          )
          .join('; '),
      ];
      if (item.suggestions.length === 0) {
        return [[...base, '', '', '', '']];
      }
      return item.suggestions.map(suggestion => {
        const annotation = annotationFor(item, suggestion);
        return [
          ...base,
          suggestion.entityRef,
          suggestion.confidence,
          `${annotation.key}: ${annotation.value}`,
          suggestion.evidence.map(evidence => evidence.detail).join('; '),
        ];
      });
    }),
  };
}
