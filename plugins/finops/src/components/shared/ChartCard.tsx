import { ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import { ChartInput, chartCsvTable } from '../../lib/costData';
import { finopsTranslationRef } from '../../translation';
import { CostChart, type CostChartOverlay } from './CostChart';
import { CsvButton } from './CsvButton';

const GRANULARITIES = ['day', 'week', 'month'] as const;

const useStyles = makeStyles(theme => ({
  actions: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
}));

/** The stacked cost chart in a card, with a CSV download of what it shows. */
export function ChartCard(props: {
  response: ChartInput;
  title: string;
  /** The CSV file's name, e.g. from `csvFileName`. */
  fileName: string;
  /** Names a group's key, e.g. an entity ref's title. */
  labelOf?: (key: string) => string;
  /** Beside the CSV button, e.g. a grouping toggle. */
  actions?: ReactNode;
  /** A forecast and anomalies drawn on the chart (not in its CSV). */
  overlay?: CostChartOverlay;
}) {
  const { response, labelOf } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const granularity = GRANULARITIES.includes(response.granularity)
    ? t(`granularities.${response.granularity}`)
    : response.granularity;
  return (
    <InfoCard
      title={props.title}
      subheader={
        response.groups.length > 0
          ? t('chartCard.subheader', { granularity })
          : granularity
      }
      action={
        <Box className={classes.actions}>
          {props.actions}
          <CsvButton
            what={t('chartCard.csvWhat')}
            fileName={props.fileName}
            table={() => chartCsvTable(response, 5, labelOf)}
          />
        </Box>
      }
    >
      <CostChart
        response={response}
        labelOf={labelOf}
        overlay={props.overlay}
      />
    </InfoCard>
  );
}
