/**
 * The FinOps Foundation's maturity bands for the share of spend allocated
 * to an owner: crawl at 70 % or more, walk at 85 % or more, run above 90 %.
 */
export const MATURITY_BANDS = [
  { stage: 'crawl', from: 70, to: 85 },
  { stage: 'walk', from: 85, to: 90 },
  { stage: 'run', from: 90, to: 100 },
] as const;

export type MaturityStage = 'run' | 'walk' | 'crawl' | 'below';

/** The stage a percentage allocated reaches; null when there is no spend. */
export function maturityStage(percent: number | null): MaturityStage | null {
  if (percent === null) {
    return null;
  }
  if (percent > 90) {
    return 'run';
  }
  if (percent >= 85) {
    return 'walk';
  }
  if (percent >= 70) {
    return 'crawl';
  }
  return 'below';
}
