import { existsSync } from 'node:fs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/**
 * The FinOps Foundation's FOCUS 1.0 sample in ../shared beside the checkout,
 * when it is there; tests that need it skip otherwise.
 */
export const FOCUS_SAMPLE_PATH = resolvePackagePath(
  '@backstage-finops/plugin-finops-backend',
  '../../../shared/data/focus/focus-1.0-sample.csv',
);

export const hasFocusSample = existsSync(FOCUS_SAMPLE_PATH);

/** A test that reads the sample, skipped where it is missing. */
export const itWithFocusSample = hasFocusSample ? it : it.skip;
