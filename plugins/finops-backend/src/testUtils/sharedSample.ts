import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The FinOps Foundation's FOCUS 1.0 sample in ../shared beside the checkout,
 * when it is there; tests that need it skip otherwise.
 */
export const FOCUS_SAMPLE_PATH = resolve(__dirname, '../../../../../shared/data/focus/focus-1.0-sample.csv');

export const hasFocusSample = existsSync(FOCUS_SAMPLE_PATH);
