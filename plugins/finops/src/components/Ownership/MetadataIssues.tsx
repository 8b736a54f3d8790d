import { CopyTextButton } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { components } from '@backstage-finops/plugin-finops-common';
import { finopsTranslationRef } from '../../translation';

/** An issue of an entity's metadata with the policy, as `GET /ownership/compliance` gives it. */
export type MetadataIssue =
  components['schemas']['ComplianceResponse']['entities'][number]['issues'][number];

const useStyles = makeStyles(theme => ({
  issue: { marginTop: theme.spacing(1) },
  snippet: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    marginTop: theme.spacing(0.5),
  },
  yaml: {
    margin: 0,
    padding: theme.spacing(1, 1.5),
    background: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    fontSize: 13,
    overflowX: 'auto',
  },
}));

/** Each issue with its severity, what is wrong, and the YAML that fixes it (copyable). */
export function MetadataIssues(props: { issues: MetadataIssue[] }) {
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  return (
    <>
      {props.issues.map(issue => (
        <Box
          key={`${issue.rule}|${issue.message}`}
          className={classes.issue}
          data-testid="finops-metadata-issue"
        >
          <Chip
            size="small"
            color={issue.severity === 'error' ? 'secondary' : 'default'}
            label={t(`ownership.severities.${issue.severity}`)}
          />{' '}
          <Typography variant="body2" component="span">
            {issue.message}
          </Typography>
          {issue.fix && (
            <Box className={classes.snippet}>
              <pre className={classes.yaml} data-testid="finops-compliance-fix">
                {issue.fix}
              </pre>
              <CopyTextButton
                text={issue.fix}
                tooltipText={t('ownership.copied')}
                aria-label={t('ownership.copyFix')}
              />
            </Box>
          )}
        </Box>
      ))}
    </>
  );
}
