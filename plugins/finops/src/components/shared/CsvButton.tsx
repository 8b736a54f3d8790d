import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import GetAppIcon from '@material-ui/icons/GetApp';
import { CsvTable, downloadCsv } from '../../lib/csvExport';
import { finopsTranslationRef } from '../../translation';

/**
 * Downloads what a table or chart shows as CSV: exact decimal amounts, the
 * currency in a column of its own, cells escaped against formula injection
 * (finops-common's `toCsv`). The table is built when clicked.
 */
export function CsvButton(props: {
  /** What is exported, for the button's accessible name: "owned entities". */
  what: string;
  fileName: string;
  table: () => CsvTable;
  disabled?: boolean;
}) {
  const { t } = useTranslationRef(finopsTranslationRef);
  return (
    <Tooltip title={t('csv.tooltip')}>
      <span>
        <Button
          size="small"
          startIcon={<GetAppIcon />}
          disabled={props.disabled}
          aria-label={t('csv.label', { what: props.what })}
          onClick={() => downloadCsv(props.fileName, props.table())}
        >
          {t('csv.button')}
        </Button>
      </span>
    </Tooltip>
  );
}
