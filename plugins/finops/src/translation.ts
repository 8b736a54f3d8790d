import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * The messages of the FinOps Cost tab and cost card, in English. An app can
 * translate or reword them with a translation resource for this ref (`finops`).
 *
 * @alpha
 */
export const finopsTranslationRef = createTranslationRef({
  id: 'finops',
  messages: {
    entityContent: {
      /** The entity page's tab. */
      title: 'Cost',
    },
    entityCard: {
      title: 'Cost',
      deepLinkTitle: 'Cost details',
    },
    periods: {
      '30d': 'Last 30 days',
      '90d': 'Last 90 days',
      '6m': 'Last 6 months',
      '12m': 'Last 12 months',
    },
    /** What the change is against, e.g. "+5% vs the previous 30 days". */
    previousPeriods: {
      '30d': 'previous 30 days',
      '90d': 'previous 90 days',
      '6m': 'previous 6 months',
      '12m': 'previous 12 months',
    },
    dimensions: {
      service: 'Service',
      account: 'Account',
      region: 'Region',
      resource: 'Resource',
      entity: 'Entity',
    },
    granularities: {
      day: 'Daily',
      week: 'Weekly',
      month: 'Monthly',
    },
    metrics: {
      EffectiveCost: 'effective (amortized) cost',
      BilledCost: 'billed cost',
    },
    toolbar: {
      periodLabel: 'Period',
      currencyLabel: 'Currency',
      currencyHelperText: 'Amounts in different currencies are never added up',
    },
    totalCard: {
      title: 'Total cost',
      previousTotal: 'Previous period: {{amount}}',
      shownAs: 'Shown as {{metric}} in {{currency}}.',
      includedEntities: 'Includes the cost of {{count}} catalog entities.',
      hiddenEntities_one:
        'Leaves out {{count}} entity of this rollup whose cost you may not see.',
      hiddenEntities_other:
        'Leaves out {{count}} entities of this rollup whose cost you may not see.',
    },
    chartCard: {
      title: 'Cost by {{dimension}}',
      subheader: '{{granularity}}, top 5 and the rest',
    },
    breakdownCard: {
      title: 'Breakdown',
      subheader: '{{period}}, by {{dimension}}',
      toggleLabel: 'Break down by',
      tableLabel: 'Cost by {{dimension}}',
      costColumn: 'Cost',
      shareColumn: 'Share of total',
      noRows: 'No {{dimension}} had cost in this period.',
    },
    change: {
      withRatio: '{{percent}} ({{amount}}) vs the {{comparedTo}}',
      withoutRatio: '{{amount}} vs the {{comparedTo}}',
      nothingBefore: 'no cost in the {{comparedTo}} to compare with',
      up: 'up',
      down: 'down',
    },
    dataThrough: {
      settled: 'Data through {{day}}.',
      settling_one: 'Data through {{day}}; the last day may still change.',
      settling_other:
        'Data through {{day}}; the last {{count}} days may still change.',
    },
    emptyState: {
      title: 'No cost attributed yet',
      description:
        'No cloud cost is attributed to {{entityName}} in the {{period}}.',
      ways: 'Cost reaches a catalog entity in one of these ways:',
      tagStep: 'Tag its cloud resources with {{tag}}.',
      tagStepWithOtherKeys:
        'Tag its cloud resources with {{tag}} (the tag keys {{keys}} work too).',
      groupTagStep:
        'Tag its cloud resources with {{tag}}; cost of the components this group owns is included as well.',
      groupTagStepWithOtherKeys:
        'Tag its cloud resources with {{tag}} (the tag keys {{keys}} work too); cost of the components this group owns is included as well.',
      annotateStep:
        'Annotate the entity with {{costTags}} (tag pairs its resources carry) or {{cloudAccounts}} (accounts whose whole cost is its own):',
      orAnnotateStep:
        'Or annotate the entity with {{costTags}} (tag pairs its resources carry) or {{cloudAccounts}} (accounts whose whole cost is its own):',
      pickedUp:
        'New tags show up with the next billing import; annotation changes are picked up within minutes.',
      compactDescription:
        'No cost is attributed to {{entityName}} in the {{period}}.',
      compactTagOrAnnotate:
        'Tag its cloud resources with {{tag}} or annotate it with {{costTags}}; the Cost tab shows how.',
      compactAnnotate: 'Annotate it with {{costTags}}; the Cost tab shows how.',
    },
    errors: {
      retry: 'Try again',
      unreachable: {
        title: 'Could not load cost data',
        message:
          'The FinOps API could not be reached{{detail}}. Check your connection and that the FinOps backend plugin is running, then try again.',
      },
      unauthenticated: {
        title: 'Sign in to see cost data',
        message:
          'The FinOps API did not accept your identity{{detail}}. Sign in again and reload the page.',
      },
      forbidden: {
        title: "You may not see this entity's costs",
        message:
          "Your permissions do not allow reading the cost data of {{entityRef}}. Ask the entity's owner or your FinOps team for access if you need it.",
      },
      notFound: {
        title: 'No cost data for this entity',
        message:
          'The FinOps API could not find {{entityRef}}{{detail}}. The entity may have just been added to the catalog (the FinOps backend refreshes its view every few minutes), or the FinOps backend plugin is not installed.',
      },
      badRequest: {
        title: 'The cost request was not accepted',
        message: 'The FinOps API rejected the request{{detail}}.',
      },
      serverError: {
        title: 'The FinOps backend failed to answer',
        message:
          'The FinOps API answered with an error{{detail}}. Try again in a moment; if it persists, the backend logs say more.',
      },
    },
  },
});
