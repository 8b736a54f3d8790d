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
      /** Beside the budget's status: "$210.34 of the $3,000.00 budget for December 2026". */
      budget: '{{amount}} of the {{budget}} budget for {{month}}',
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
      anomaly: 'Anomaly',
      anomalyTooltip: 'Anomaly: {{impact}} ({{direction}})',
      anomalyNote: 'Red dots: anomalies, listed under Anomalies.',
      forecastNote:
        'Shaded, after the data: forecast with its 80 % interval; dashed: the expected amount.',
      forecastDailyNote:
        'Shaded, after the data: the rest of the month’s forecast spread evenly over its days, with its 80 % interval; dashed: the expected amount.',
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
    budget: {
      title: 'Budget',
      /** e.g. "December 2026: month to date against the monthly budget". */
      subheader: '{{month}}: month to date against the monthly budget',
      status: {
        'on-track': 'On track',
        'at-risk': 'At risk',
        over: 'Over budget',
      },
      /** What each status means, beside its chip. */
      statusReason: {
        'on-track': 'The month-end forecast leaves {{amount}} of the budget.',
        'on-track-no-forecast': '{{amount}} of the budget is left.',
        'at-risk':
          'Not over yet, but the month-end forecast is {{amount}} above the budget.',
        over: 'Month to date is already {{amount}} above the budget.',
      },
      /** The headline: "$210.34 of $3,000.00". */
      ofBudget: '{{amount}} of {{budget}}',
      used: '{{percent}} of the budget spent, through {{day}}.',
      barLabel:
        'Month to date {{monthToDate}}, budget {{budget}}, forecast at month end {{forecast}}',
      barLabelNoForecast: 'Month to date {{monthToDate}}, budget {{budget}}',
      legendMonthToDate: 'Month to date {{amount}}',
      legendForecast: 'Forecast at month end {{amount}}',
      legendInterval: '80 % interval {{low}} – {{high}}',
      legendBudget: 'Budget {{amount}}',
      /** Above the budget's line on the bar. */
      barBudget: 'Budget',
      fromAnnotation: 'From the annotation {{annotation}} in the catalog.',
      setBy: 'Set by {{who}} on {{when}}; it overrides the annotation, if any.',
      otherCurrency:
        'Not compared: the budget is in {{budgetCurrency}}, the cost in {{costCurrency}}.',
      membersBudget: 'Its members’ budgets add up to {{amount}}.',
      membersOtherCurrencies_one:
        '{{count}} member budgeted in another currency is not counted.',
      membersOtherCurrencies_other:
        '{{count}} members budgeted in another currency are not counted.',
      hiddenEntities_one:
        'Month to date leaves out {{count}} entity whose cost you may not see.',
      hiddenEntities_other:
        'Month to date leaves out {{count}} entities whose cost you may not see.',
      emptyTitle: 'No budget for {{month}}',
      emptyMonthToDate:
        'Month to date: {{amount}}; forecast at month end: {{forecast}}.',
      emptyMonthToDateNoForecast: 'Month to date: {{amount}}.',
      emptyHowTo:
        'Add one to the entity’s catalog-info.yaml as the annotation below, or press Set budget:',
      set: 'Set budget',
      change: 'Change budget',
      remove: 'Remove',
      removeTitle: 'Remove the budget set for {{month}}?',
      removeMessage:
        'The budget set through the FinOps API for {{month}} is removed; the annotation’s budget applies again, if the entity has one.',
      removeConfirm: 'Remove budget',
      removeFailed: 'Could not remove the budget: {{reason}}',
      cancel: 'Cancel',
      dialogTitle: 'Set the monthly budget of {{name}}',
      amountLabel: 'Amount',
      amountHelper: 'A positive amount, e.g. 1200 or 1200.50',
      amountInvalid: 'Enter a positive amount, e.g. 1200',
      currencyLabel: 'Currency',
      currencyHelper: 'ISO 4217, e.g. USD',
      currencyInvalid: 'Three letters, e.g. USD',
      scopeLabel: 'For',
      thisMonth: '{{month}} only',
      fromThisMonth: '{{month}} and every month after it',
      overridesNote:
        'A budget set here overrides the annotation {{annotation}}, and who set it is kept.',
      save: 'Save',
      saving: 'Saving…',
      forbidden: 'You may not change this budget.',
      saveFailed: 'Could not save the budget: {{reason}}',
      /** The team table's column. */
      column: 'Budget this month',
      columnNone: '—',
      columnOf: '{{amount}} of {{budget}}',
    },
    forecast: {
      title: 'Forecast',
      subheader: 'Month end and the next {{count}} months, with 80 % intervals',
      monthEnd: 'Expected for {{month}}',
      interval: '80 % interval: {{low}} – {{high}}',
      monthColumn: 'Month',
      amountColumn: 'Forecast',
      intervalColumn: '80 % interval',
      currentMonth: '{{month}} (to date plus the rest)',
      methods: {
        'seasonal-trend':
          'Weekday pattern and a robust trend over the last 12 weeks of complete days; the interval from the method’s own past errors.',
        'run-rate-short-history':
          'Less than 14 days of history: the run rate, ±50 %.',
        actual: 'The month is complete: its actual cost.',
        'no-data': 'Nothing to forecast from.',
      },
      noData: 'Nothing to forecast yet: no daily cost to go on.',
      chartBand: 'Forecast, 80 % interval',
      chartLine: 'Forecast, expected',
      /** Over the chart's buckets after the data. */
      chartArea: 'Forecast',
      accuracyTitle: 'Forecast accuracy',
      accuracySubheader:
        'Month-end forecasts of the last closed months, made on day 5, 10 and 20, against what the month cost',
      accuracyMonthColumn: 'Month',
      accuracyActualColumn: 'Actual',
      accuracyDayColumn: 'Made on day {{day}}',
      accuracyMedian: 'Median error of the day-{{day}} forecasts: {{percent}}',
      accuracyNone:
        'No closed month to check forecasts against yet (the backtest needs a month with cost before this one).',
      recorded: 'recorded',
      recomputed: 'recomputed',
      recordedNote:
        '“recorded”: the forecast kept on that day; “recomputed”: worked out now from the days before it (no forecast was kept then, or you may see only part of the rollup).',
      allRecorded:
        'Each forecast is the one kept on its day, when that day’s data came in.',
      allRecomputed:
        'Each forecast is recomputed now from the days before its day: none was kept then (they are kept from the first evaluation on), or you may see only part of the rollup.',
      bandsNote:
        'FinOps maturity of forecast variance: crawl under 20 %, walk under 10 %, run under 5 %.',
      errorTooltip: 'Forecast {{forecast}} against {{actual}}',
      bands: {
        run: 'Run',
        walk: 'Walk',
        crawl: 'Crawl',
        below: 'Below crawl',
      },
    },
    tips: {
      title: 'Ways to spend less',
      subheader:
        'Optimization tips found in the billing data, largest estimated saving first',
      subheaderOrganisation:
        'Every team’s optimization tips and those on spend with no owner, largest estimated saving first',
      show: 'Show',
      views: {
        open: 'Open tips',
        done: 'Done',
        dismissed: 'Dismissed',
        snoozed: 'Snoozed',
      },
      total_one: '{{amount}} a month could be saved by the open tip below.',
      total_other:
        '{{amount}} a month could be saved by the {{count}} open tips below.',
      none: {
        open: 'No open tips: nothing in the billing data points to a saving right now.',
        done: 'No tip has been marked done yet.',
        dismissed: 'No tip has been dismissed.',
        snoozed: 'No tip is snoozed.',
      },
      tableLabel: 'Optimization tips',
      savingColumn: 'Saving',
      tipColumn: 'What to do',
      entityColumn: 'Entity',
      effortColumn: 'Effort and risk',
      decisionColumn: 'Decision',
      perMonth: 'a month (estimate)',
      moreResources: '+{{count}} more',
      method: 'How estimated: {{method}}',
      realized:
        'Realized: {{amount}} a month ({{before}} a day in the {{daysBefore}} days before, {{after}} a day in the {{daysAfter}} days after)',
      realizedPending:
        'What it saved shows once a week of billing data follows the day it was marked done.',
      effort: 'Effort: {{level}}',
      risk: 'Risk: {{level}}',
      levels: { low: 'low', medium: 'medium', high: 'high' },
      unallocated: 'No owner',
      markDone: 'Done',
      snooze: 'Snooze',
      dismiss: 'Dismiss',
      reopen: 'Reopen',
      cancel: 'Cancel',
      dismissTitle: 'Dismiss this tip',
      dismissReason: 'Why is it dismissed?',
      snoozeTitle: 'Snooze this tip',
      snoozeUntil: 'Hidden through',
      snoozeReason: 'Note (optional)',
      decided: {
        done: 'Done by {{who}}, {{when}}',
        dismissed: 'Dismissed by {{who}}, {{when}}',
        snoozed: 'Snoozed through {{until}} by {{who}}',
        open: 'Reopened by {{who}}, {{when}}',
      },
      decisionFailed: 'Not saved: {{reason}}',
      forbidden: 'you may not change this tip',
      checked: 'Tips checked {{when}}.',
      notChecked:
        'Tips have not been evaluated yet; they are after each billing import and daily.',
      hiddenEntities_one:
        'Leaves out the tips of {{count}} entity of this rollup whose cost you may not see.',
      hiddenEntities_other:
        'Leaves out the tips of {{count}} entities of this rollup whose cost you may not see.',
    },
    anomalies: {
      title: 'Anomalies',
      subheader:
        '{{period}}: days whose cost was far from the entity’s usual for that weekday',
      checked: 'Checked {{when}}.',
      notChecked:
        'Anomaly detection has not run yet; it runs after each billing import and daily.',
      none: 'No anomalies in the {{period}}.',
      tableLabel: 'Cost anomalies',
      dayColumn: 'Day',
      entityColumn: 'Entity',
      actualColumn: 'Actual vs expected',
      impactColumn: 'Impact',
      contributorsColumn: 'What drove it',
      statusColumn: 'Status',
      feedbackColumn: 'Was it expected?',
      spike: 'Spike',
      dip: 'Dip',
      actualVsExpected: '{{actual}} vs {{expected}} expected',
      status: {
        open: 'Open',
        expected: 'Expected',
        unexpected: 'Unexpected',
      },
      markExpected: 'Expected',
      markUnexpected: 'Unexpected',
      markLabel: 'Mark the anomaly of {{day}} as {{verdict}}',
      feedbackBy: 'by {{who}}, {{when}}',
      feedbackFailed: 'Not saved: {{reason}}',
      feedbackForbidden: 'you may not give feedback on this anomaly',
      hiddenEntities_one:
        'Leaves out {{count}} entity of this rollup whose cost you may not see.',
      hiddenEntities_other:
        'Leaves out {{count}} entities of this rollup whose cost you may not see.',
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
        ownership: 'Ownership',
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
    ownership: {
      coverageTitle: 'Allocation coverage',
      coverageSubheader:
        'Share of spend with an owner, against the FinOps maturity bands',
      /** The period's figure: "87.3% allocated — Walk". */
      coverageFigure: '{{percent}} allocated — {{stage}}',
      coverageAmounts: '{{allocated}} of {{total}} has an owner in the catalog',
      coverageSeriesWhat: 'allocation coverage over time',
      coverageGroupsWhat: 'allocation coverage per provider or account',
      tooltip: '{{percent}} ({{allocated}} of {{total}})',
      granularityLabel: 'Coverage per day or per month',
      groupByLabel: 'Coverage per provider or per account',
      byProvider: 'Per provider',
      byAccount: 'Per account',
      providerColumn: 'Provider',
      totalColumn: 'Total',
      allocatedColumn: 'Allocated',
      percentColumn: 'Allocated %',
      stageColumn: 'Stage',
      suggestionsTitle: 'Largest unallocated spend and suggested owners',
      suggestionsSubheader:
        'Spend no attribution rule matched; add the annotation shown to the suggested entity, and the next attribution run gives it the spend',
      inAccount: 'in account {{account}}',
      noSuggestion:
        'No owner could be suggested: tag these resources with their component or team.',
      /** A suggestion's confidence: "72% · high". */
      confidence: '{{percent}} confidence · {{level}}',
      levels: { high: 'high', medium: 'medium', low: 'low' },
      addAnnotation:
        'To assign this spend to {{entity}}, add to its catalog-info.yaml:',
      copyAnnotation: 'Copy the annotation',
      copyFix: 'Copy the YAML',
      copied: 'Copied',
      editCatalogInfo: 'Edit catalog-info.yaml',
      findingsTitle: 'Tagging policy findings',
      findingsSubheader:
        'The required tags checked against the resources that cost money, most costly first',
      checkedTags: 'Required tags checked: {{tags}}.',
      noFindings:
        'Every resource that cost money in this period carries the required tags ({{tags}}) with allowed values.',
      noRequiredTags:
        'No required tags are configured: set finops.metadataPolicy.requiredTags in app-config to check them.',
      findingKinds: {
        'missing-tag': 'Required tag missing',
        'value-not-allowed': 'Value not allowed',
        'names-no-entity': 'Names no catalog entity',
      },
      severities: { error: 'Error', warn: 'Warning' },
      findingColumn: 'Finding',
      tagColumn: 'Tag',
      valueColumn: 'Value',
      severityColumn: 'Severity',
      periodCostColumn: 'Cost in period',
      monthlyCostColumn: 'Per month',
      tagSetsColumn: 'Tag sets',
      perMonth: '{{amount}}/month',
      /** After a tag set's tags: "in account 561038294670: $881.55". */
      exampleWhere: 'in account {{account}}: {{amount}}',
      noValue: '(missing)',
      tagSets_one: '{{count}} tag set; the largest:',
      tagSets_other: '{{count}} tag sets; the largest:',
      complianceTitle: 'Team compliance',
      complianceSubheader:
        'A team’s entities whose ownership and cost metadata follow the policy',
      teamLabel: 'Team',
      pickTeam: 'Pick a team to see its score and what to fix.',
      score: '{{percent}} compliant ({{compliant}} of {{total}} entities)',
      noEntities: 'The team owns no entities to check.',
      allCompliant: 'Every entity the team owns has complete metadata.',
      metadataTitle: 'Cost metadata',
      metadataSubheader:
        'Ownership and cost metadata against the organisation’s policy',
      metadataComplete:
        'Complete: the owner is known and the catalog says how this entity’s cost is found.',
      metadataMissing: 'To follow the policy, add to catalog-info.yaml:',
      unallocatedInAccounts:
        '{{amount}} unallocated in the team’s accounts: {{accounts}}',
      noUnallocatedInAccounts: 'No unallocated spend in the team’s accounts.',
      notAllowedMessage:
        'The Ownership tab needs the finops.org.read permission, which your FinOps team grants. The costs of your teams and components are on their Cost tabs.',
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
      apiRequests:
        '{{requests}} API requests ({{pages}} pages), about {{cost}}',
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
