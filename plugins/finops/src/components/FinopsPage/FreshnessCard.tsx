import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { OverviewResponse } from '@backstage-finops/plugin-finops-common';
import { formatDateTime, formatRelativeTime } from '../../lib/format';
import { formatDay } from '../../lib/periods';
import { finopsTranslationRef } from '../../translation';
import { CsvButton } from '../shared/CsvButton';

/** When an instant was or will be, relative, with the exact time on hover. */
export function When(props: { iso: string | null | undefined; none: string }) {
  if (!props.iso) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        {props.none}
      </Typography>
    );
  }
  return (
    <Tooltip title={formatDateTime(props.iso)}>
      <span>{formatRelativeTime(props.iso)}</span>
    </Tooltip>
  );
}

/** Data freshness per source: its last day with data, last import and next run. */
export function FreshnessCard(props: {
  sources: OverviewResponse['sources'];
  fileName: string;
}) {
  const { t } = useTranslationRef(finopsTranslationRef);
  return (
    <InfoCard
      title={t('overview.freshnessTitle')}
      subheader={t('overview.freshnessSubheader')}
      action={
        <CsvButton
          what={t('overview.freshnessTitle')}
          fileName={props.fileName}
          disabled={props.sources.length === 0}
          table={() => ({
            header: ['sourceId', 'dataThrough', 'lastImportedAt', 'nextRunAt'],
            rows: props.sources.map(source => [
              source.sourceId,
              source.dataThrough,
              source.lastImportedAt,
              source.nextRunAt,
            ]),
          })}
        />
      }
    >
      {props.sources.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {t('overview.noSources')}
        </Typography>
      ) : (
        <Table size="small" aria-label={t('overview.freshnessTitle')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('overview.sourceColumn')}</TableCell>
              <TableCell>{t('overview.dataThroughColumn')}</TableCell>
              <TableCell>{t('overview.lastImportColumn')}</TableCell>
              <TableCell>{t('overview.nextRunColumn')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {props.sources.map(source => (
              <TableRow
                key={source.sourceId}
                data-testid="finops-freshness-row"
              >
                <TableCell>
                  {source.sourceId === 'upload'
                    ? t('overview.uploads')
                    : source.sourceId}
                </TableCell>
                <TableCell>
                  {source.dataThrough ? formatDay(source.dataThrough) : '–'}
                </TableCell>
                <TableCell>
                  <When
                    iso={source.lastImportedAt}
                    none={t('overview.never')}
                  />
                </TableCell>
                <TableCell>
                  <When
                    iso={source.nextRunAt}
                    none={
                      source.sourceId === 'upload'
                        ? t('overview.onUpload')
                        : t('overview.notScheduled')
                    }
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
