import { maturityStage } from './coverage';

describe('maturityStage', () => {
  it('uses the FinOps Foundation bands: crawl ≥ 70, walk ≥ 85, run > 90', () => {
    expect(maturityStage(69.99)).toBe('below');
    expect(maturityStage(70)).toBe('crawl');
    expect(maturityStage(84.9)).toBe('crawl');
    expect(maturityStage(85)).toBe('walk');
    expect(maturityStage(90)).toBe('walk');
    expect(maturityStage(90.01)).toBe('run');
    expect(maturityStage(null)).toBeNull();
  });
});
