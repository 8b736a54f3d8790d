import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * The messages of the FinOps Cost tab, cost card and FinOps page, in English. An app can
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
    /** A bucket of each granularity, in the plural. */
    bucketUnits: {
      day: 'days',
      week: 'weeks',
      month: 'months',
    },
    metrics: {
      EffectiveCost: 'effective (amortized) cost',
      BilledCost: 'billed cost',
    },
    toolbar: {
      periodLabel: 'Period',
      granularityLabel: 'Granularity',
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
      csvWhat: 'the chart',
    },
    csv: {
      button: 'CSV',
      tooltip:
        'Download as CSV: exact amounts, the currency in a column of its own',
      label: 'Download {{what}} as CSV',
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
      /** A row's change when the previous period had no cost. */
      newSpend: '{{amount}} (new)',
      up: 'up',
      down: 'down',
    },
    team: {
      compareWith: 'Compare with…',
      trendToggleLabel: 'Stack the trend',
      byComponent: 'By component',
      bySubTeam: 'By sub-team',
      chartByComponent: 'Cost by component',
      chartBySubTeam: 'Cost by sub-team',
      /** The stack of what a parent team owns itself, beside its sub-teams. */
      ownedDirectly: '{{team}} (owned directly)',
      ownedTitle: 'Everything {{team}} owns',
      ownedSubheader:
        '{{period}}: each entity with its own cost, share of the team and change',
      tableLabel: 'Cost of what the team owns',
      nameColumn: 'Name',
      kindColumn: 'Kind',
      costColumn: 'Cost',
      shareColumn: 'Share of team',
      changeColumn: 'Change vs previous period',
      kindFilterLabel: 'Kind',
      allKinds: 'All kinds',
      total: 'Team total',
      shownTotal_one: 'Total of the {{count}} row shown',
      shownTotal_other: 'Total of the {{count}} rows shown',
      noRows: 'Nothing the team owns had cost of its own in this period.',
      withoutCost_one:
        '{{count}} more entity of this team has no cost of its own in this period (a system, say, whose cost is its components’).',
      withoutCost_other:
        '{{count}} more entities of this team have no cost of their own in this period (a system, say, whose cost is its components’).',
      ownCostNote:
        'Each row is the cost attributed to that entity itself, so the rows add up to the team’s total; a Group row is spend tagged with the team but with no component.',
      csvWhat: 'what the team owns',
    },
    unitCost: {
      title: 'Unit cost',
      /** e.g. "Last 30 days: cost per request, daily". */
      subheader: '{{period}}: cost per {{unit}}, {{granularity}}',
      metricLabel: 'Metric',
      csvWhat: 'the unit cost',
      /** A unit cost: "$12.30 per million requests". */
      amountPer: '{{amount}} {{per}}',
      per: {
        unit: 'per {{unit}}',
        thousand: 'per thousand {{units}}',
        million: 'per million {{units}}',
        billion: 'per billion {{units}}',
      },
      nothingBefore: 'no unit cost in the {{comparedTo}} to compare with',
      /**
       * What moved the unit cost: "Cost +20.0%, requests +50.0%: each
       * request costs 20.0% less."
       */
      drivers: {
        better:
          'Cost {{cost}}, {{units}} {{quantity}}: each {{unit}} costs {{percent}} less.',
        worse:
          'Cost {{cost}}, {{units}} {{quantity}}: each {{unit}} costs {{percent}} more.',
        same: 'Cost {{cost}}, {{units}} {{quantity}}: each {{unit}} costs the same.',
      },
      totals: '{{cost}} for {{quantity}}',
      previous: 'Previous period: {{unitCost}}',
      included_one:
        'Counts the cost and {{units}} of the {{count}} entity that declares {{metric}}.',
      included_other:
        'Counts the cost and {{units}} of the {{count}} entities that declare {{metric}}: their total cost over their total {{units}}.',
      uncoveredCost:
        '{{amount}} of cost on days without a value for {{metric}} is left out.',
      uncoveredQuantity:
        '{{quantity}} on days without cost data yet are left out.',
      noUnitCost:
        'No unit cost in the {{period}}: no day has both cost and a {{metric}} value.',
      lastValue: 'The last {{metric}} value is of {{day}}.',
      noValueYet:
        'No {{metric}} value has arrived yet: send them with POST /metrics or a metric source.',
      chartLabel: 'Unit cost and {{units}} over time',
      /** The chart's line: "Cost per million requests". */
      lineName: 'Cost {{per}}',
      gap: 'no data',
      partialNote:
        'Lighter bars: partial {{unit}} (the period or the data ends within them).',
    },
    compare: {
      pickerLabel: 'Teams and components',
      pickerPlaceholder: 'Pick two or more',
      teamsGroup: 'Teams',
      componentsGroup: 'Components',
      noOptions: 'No team or component matches',
      loadingOptions: 'Searching the catalog…',
      pickTwo:
        'Pick two or more teams or components to see their costs side by side.',
      pickOneMore:
        'Pick one or more teams or components to compare with {{name}}.',
      chartTitle: 'Cost over time',
      chartSubheader: '{{period}}, {{granularity}}',
      chartCsvWhat: 'the compared series',
      tableTitle: 'Side by side',
      tableCsvWhat: 'the comparison',
      entityColumn: 'Entity',
      totalColumn: 'Total',
      previousColumn: 'Previous period',
      changeColumn: 'Change',
      hidden_one:
        '{{count}} entity asked for, or part of one, is left out: you may not see its cost.',
      hidden_other:
        '{{count}} entities asked for, or parts of them, are left out: you may not see their cost.',
      partialNote:
        'The first and last points can be partial {{unit}}: the period or the data ends within them.',
      forbiddenTitle: 'You may not see the cost of any of these',
      forbiddenMessage:
        'Your permissions do not allow reading the cost of the teams and components picked. Pick others, or ask your FinOps team for access.',
    },
    page: {
      title: 'FinOps',
      subtitle:
        'Cloud spend across the organisation, who owns it and how it changes',
      tabsLabel: 'FinOps views',
      tabs: {
        overview: 'Overview',
        compare: 'Compare',
        imports: 'Imports',
      },
    },
    overview: {
      organisation: 'the organisation',
      totalTitle: 'Organisation total',
      trendTitle: 'Spend over time',
      byTeam: 'By team',
      byServiceCategory: 'By service category',
      byAccount: 'By account',
      byProvider: 'By provider',
      unowned: 'No team (unallocated included)',
      showAll: 'Show all {{count}}',
      showFewer: 'Show fewer',
      noSpend: 'No spend in this period.',
      moversTitle: 'Top movers',
      moversSubheader:
        '{{period}} against the period before, among entities with at least {{minimum}} in one of the two',
      increases: 'Largest increases',
      decreases: 'Largest decreases',
      noIncreases: 'No entity with at least {{minimum}} spent more.',
      noDecreases: 'No entity with at least {{minimum}} spent less.',
      previousColumn: 'Before',
      currentColumn: 'Now',
      changeColumn: 'Change',
      coverageTitle: 'Allocation coverage',
      coverageSubheader: 'Share of spend attributed to an owner, per month',
      coverageStage:
        'of the spend in the {{period}} has an owner: maturity stage {{stage}}.',
      allocatedLabel: 'Allocated',
      bandsNote:
        'FinOps Foundation maturity: crawl at 70 % or more, walk at 85 % or more, run above 90 %.',
      unallocatedTitle: 'Largest unallocated spend',
      unallocatedSubheader:
        '{{amount}} matched no attribution rule: tag these resources or annotate their entity',
      nothingUnallocated: 'All spend in this period is allocated.',
      tagsColumn: 'Tags',
      accountColumn: 'Account',
      amountColumn: 'Amount',
      topResourcesColumn: 'Top resources',
      noTags: 'no tags',
      noResource: '(no resource id)',
      billingAccount: 'billing account {{account}}',
      freshnessTitle: 'Data freshness',
      freshnessSubheader:
        'How far each source’s data goes, and when it was and will be imported',
      sourceColumn: 'Source',
      dataThroughColumn: 'Data through',
      lastImportColumn: 'Last import',
      nextRunColumn: 'Next run',
      never: 'never',
      notScheduled: 'not on a fixed interval',
      onUpload: 'when someone uploads',
      uploads: 'Uploads',
      noSources: 'No source has data yet.',
      unitCostsTitle: 'Unit costs',
      unitCostsSubheader:
        '{{period}} against the period before: each metric’s total cost over its total units, across every entity that declares it',
      unitCostsCsvWhat: 'the unit costs',
      metricColumn: 'Metric',
      unitCostColumn: 'Unit cost',
      driversColumn: 'Cost and volume',
      totalsColumn: 'Cost and units',
      entitiesColumn: 'Declared by',
      /** The changes behind a unit cost's: "cost +0.8%, orders +4.9%". */
      unitCostDrivers: 'cost {{cost}}, {{units}} {{quantity}}',
      declaringEntities_one: '{{count}} entity',
      declaringEntities_other: '{{count}} entities',
      /** What stands for a unit cost or change there is none of. */
      none: '—',
      notAllowedTitle: 'You may not see the organisation’s costs',
      notAllowedMessage:
        'The overview needs the finops.org.read permission, which your FinOps team grants. The costs of your teams and components are on their Cost tabs, and the Compare tab shows those you may see side by side.',
    },
    maturity: {
      below: 'below crawl',
      crawl: 'Crawl',
      walk: 'Walk',
      run: 'Run',
    },
    imports: {
      uploadTitle: 'Upload billing data',
      uploadSubheader:
        'A FOCUS export, .csv or .csv.gz; it replaces the billing periods it holds',
      dropLabel: 'Upload a FOCUS file: drop it here or press to choose one',
      dropHere: 'Drop a FOCUS file here, or click to choose one',
      dropHint:
        'CSV or gzip-compressed CSV, holding whole billing periods. An invalid row fails the whole import and changes nothing.',
      wrongType:
        '{{file}} is not a FOCUS export: choose a .csv or .csv.gz file.',
      uploading: 'Uploading {{file}}',
      uploadedBytes: '{{loaded}} of {{total}}',
      uploadProgressLabel: 'Upload of {{file}}',
      progressLabel: 'Import of {{file}}',
      cancel: 'Cancel',
      uploadFailed: 'Could not upload {{file}}: {{reason}}',
      tooLarge: 'the file is larger than the upload limit ({{detail}})',
      tooManyPending: 'too many imports are waiting ({{detail}})',
      uploadForbidden: 'you may not upload billing data',
      uploadPhase: {
        queued: '{{file}} is uploaded and waits for its turn',
        running: 'Importing {{file}}',
        succeeded: '{{file}} is imported',
        failed: '{{file}} could not be imported; nothing was changed',
      },
      status: {
        queued: 'Queued',
        running: 'Running',
        succeeded: 'Succeeded',
        failed: 'Failed',
      },
      rowsRead: '{{rows}} rows read',
      replacedPeriods: 'Billing periods replaced: {{periods}}',
      sourcesTitle: 'Scheduled sources',
      sourcesSubheader:
        'Imported on their schedule; run one now after a new export',
      noSources: 'No scheduled sources are configured (finops.sources).',
      lastImportColumn: 'Last import',
      runNow: 'Run now',
      runNowLabel: 'Run {{source}} now',
      runStarted: 'Started: its import appears below.',
      alreadyRunning: 'An import of this source is already running.',
      runFailed: 'Could not start it: {{reason}}',
      listTitle: 'Imports',
      listSubheader: 'The latest imports of every source',
      listSubheaderRunning:
        'The latest imports of every source; refreshing while one runs',
      none: 'No imports yet.',
      statusColumn: 'Status',
      fileColumn: 'File',
      progressColumn: 'Progress',
      rowsColumn: 'Rows',
      periodsColumn: 'Billing periods replaced',
      startedColumn: 'Started',
      fromSource: 'source {{source}}',
      took: 'took {{seconds}} s',
      notAllowedTitle: 'Imports are for the FinOps team',
      notAllowedMessage:
        'The Imports tab needs the finops.sources.admin permission.',
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
