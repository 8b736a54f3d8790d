/**
 * Property tests draw from a fixed seed, so that CI gives the same verdict on
 * every run; set FINOPS_PROPERTY_SEED to another number, or to "random", to
 * explore further. A failure prints the seed that replays it.
 */
export function propertyRuns(numRuns: number): { numRuns: number; seed?: number } {
  const seed = process.env.FINOPS_PROPERTY_SEED ?? '20261128';
  return seed === 'random' ? { numRuns } : { numRuns, seed: Number(seed) };
}
