import { CatalogIndex } from '../attribution/CatalogIndex';
import { attributeCostKey } from '../attribution/attributeCostKey';
import { ATTRIBUTION_RULES } from '../core';
import { CASE_SHARES, generateOwnershipLabelledSet } from './ownershipLabelledSet';
import { OwnerSuggester } from './suggestOwners';

const serialised = (value: unknown) => JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));

describe('generateOwnershipLabelledSet', () => {
  const set = generateOwnershipLabelledSet({ seed: 1 });

  it('is the same set for the same seed, and another for another seed', () => {
    expect(serialised(generateOwnershipLabelledSet({ seed: 1 }))).toBe(serialised(set));
    expect(serialised(generateOwnershipLabelledSet({ seed: 2 }))).not.toBe(serialised(set));
  });

  it('has a catalog of about 150 entities in teams, every non-Group owned by a Group', () => {
    expect(set.entities.length).toBeGreaterThanOrEqual(140);
    expect(set.entities.length).toBeLessThanOrEqual(180);
    const groups = new Set(set.entities.filter(e => e.kind === 'Group').map(e => e.ref));
    expect(groups.size).toBe(15);
    for (const entity of set.entities.filter(e => e.kind !== 'Group')) {
      expect(groups.has(entity.relations.find(r => r.type === 'ownedBy')!.targetRef)).toBe(true);
    }
    expect(new Set(set.entities.map(e => e.ref)).size).toBe(set.entities.length);
  });

  it('labels items with catalogued owners or none, from every case, none of them attributable', () => {
    const index = new CatalogIndex(set.entities);
    const settings = { rules: [...ATTRIBUTION_RULES], ...set.settings };
    const cases = new Set(set.items.map(item => item.label.case));
    expect([...cases].sort()).toEqual(Object.keys(CASE_SHARES).sort());
    for (const item of set.items) {
      expect(item.label.owner === null || index.byRef.has(item.label.owner)).toBe(true);
      expect(item.label.owner === null).toBe(item.label.case === 'unowned');
      expect(attributeCostKey(item, index, settings).entityRef).toBeNull();
      expect(item.topResources.reduce((sum, r) => sum + r.amount, 0n)).toBe(item.amount);
    }
    // Attributed keys name catalogued entities.
    expect(set.attributed.every(key => index.byRef.has(key.entityRef))).toBe(true);
    expect(set.items.length).toBeGreaterThan(350);
  });

  it('gets suggestions that meet the quality goal: top-suggestion precision ≥ 0.8 at recall ≥ 0.6', () => {
    const suggester = new OwnerSuggester(new CatalogIndex(set.entities), set.attributed, set.settings);
    const tops = set.items.map(item => ({ owner: item.label.owner, top: suggester.suggest(item)[0] }));
    const owned = tops.filter(t => t.owner !== null).length;
    const at = (threshold: number) => {
      const suggested = tops.filter(t => t.top && t.top.confidence >= threshold);
      const right = suggested.filter(t => t.top!.entityRef === t.owner).length;
      return { precision: right / suggested.length, recall: right / owned };
    };
    const figures = [0.1, 0.3, 0.5, 0.7, 0.9].map(at);
    expect(figures.some(f => f.precision >= 0.8 && f.recall >= 0.6)).toBe(true);
    // Higher thresholds trade recall for precision.
    expect(figures[4].recall).toBeLessThan(figures[0].recall);
    expect(figures[4].precision).toBeGreaterThanOrEqual(figures[0].precision);
  });
});
