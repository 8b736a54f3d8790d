/** A maturity band of the share of spend allocated, as `GET /ownership/coverage` gives them. */
export interface MaturityBand {
  stage: 'crawl' | 'walk' | 'run';
  minPercent: number;
  /** Whether exactly `minPercent` reaches the stage. */
  inclusive: boolean;
}

/**
 * The FinOps Foundation's maturity bands for the share of spend allocated
 * to an owner: crawl at 70 % or more, walk at 85 % or more, run above 90 %.
 */
export const MATURITY_BANDS: readonly MaturityBand[] = [
  { stage: 'crawl', minPercent: 70, inclusive: true },
  { stage: 'walk', minPercent: 85, inclusive: true },
  { stage: 'run', minPercent: 90, inclusive: false },
];

export type MaturityStage = 'run' | 'walk' | 'crawl' | 'below';

/** The stage a percentage allocated reaches in `bands`; null when there is no spend. */
export function maturityStage(
  percent: number | null,
  bands: readonly MaturityBand[] = MATURITY_BANDS,
): MaturityStage | null {
  if (percent === null) {
    return null;
  }
  const reached = [...bands]
    .sort((a, b) => b.minPercent - a.minPercent)
    .find(band =>
      band.inclusive ? percent >= band.minPercent : percent > band.minPercent,
    );
  return reached ? reached.stage : 'below';
}

/** Each band's range on a chart: from its minimum to the next band's, or 100. */
export function bandRanges(bands: readonly MaturityBand[]) {
  const sorted = [...bands].sort((a, b) => a.minPercent - b.minPercent);
  return sorted.map((band, index) => ({
    stage: band.stage,
    from: band.minPercent,
    to: sorted[index + 1]?.minPercent ?? 100,
  }));
}
