import { filesToReread, ListedFile, nextManifest, planDirectoryImport } from './directoryPlan';
import { DirectoryManifest } from '../core';

const root = '/exports';
const listed = (relativePath: string, size = 100, mtimeMs = 1): ListedFile => ({ path: `${root}/${relativePath}`, relativePath, size, mtimeMs });
const manifest = (files: Array<[string, string[]]>): DirectoryManifest => ({
  root,
  files: files.map(([relativePath, billingPeriods]) => ({ relativePath, size: 100, mtimeMs: 1, billingPeriods })),
});
const paths = (files: Array<{ path: string }>) => files.map(file => file.path.slice(root.length + 1));

describe('planDirectoryImport', () => {
  const previous = manifest([
    ['2024-08.csv', ['2024-08-01']],
    ['2024-09.csv', ['2024-09-01']],
    ['2024-10/part-1.csv', ['2024-10-01']],
    ['2024-10/part-2.csv', ['2024-10-01']],
  ]);

  it('reads every file without a manifest, or when the source moved to another directory', () => {
    const listing = [listed('a.csv', 10), listed('b.csv', 20)];
    for (const plan of [planDirectoryImport(root, listing, undefined), planDirectoryImport(root, listing, { ...previous, root: '/elsewhere' })]) {
      expect(plan).toMatchObject({ read: listing, candidates: [], affectedPeriods: [], expectedBytes: 30, upToDate: false });
    }
  });

  it('reads a changed part first and the other parts of its month after it, and no other month', () => {
    const listing = [listed('2024-08.csv'), listed('2024-09.csv'), listed('2024-10/part-1.csv'), listed('2024-10/part-2.csv', 150, 2)];
    const plan = planDirectoryImport(root, listing, previous);
    expect(paths(plan.read)).toEqual(['2024-10/part-2.csv']);
    expect(plan.affectedPeriods).toEqual(['2024-10-01']);
    expect(plan.expectedBytes).toBe(250);
    expect(paths(filesToReread(new Set(['2024-10-01']), plan.candidates))).toEqual(['2024-10/part-1.csv']);
  });

  it('counts a file with a new modification time as changed, and a new file as changed', () => {
    const listing = [listed('2024-08.csv', 100, 5), listed('2024-09.csv'), listed('2024-10/part-1.csv'), listed('2024-10/part-2.csv'), listed('2024-11.csv')];
    expect(paths(planDirectoryImport(root, listing, previous).read)).toEqual(['2024-08.csv', '2024-11.csv']);
  });

  it("re-derives a removed file's month from the files still holding it", () => {
    const listing = [listed('2024-08.csv'), listed('2024-09.csv'), listed('2024-10/part-1.csv')];
    const plan = planDirectoryImport(root, listing, previous);
    expect(plan).toMatchObject({ read: [], affectedPeriods: ['2024-10-01'], removed: ['2024-10/part-2.csv'], expectedBytes: 100, upToDate: false });
    expect(paths(filesToReread(new Set(plan.affectedPeriods), plan.candidates))).toEqual(['2024-10/part-1.csv']);
  });

  it('has nothing to read when the only file of a month was removed: the stored month stays', () => {
    const listing = [listed('2024-09.csv'), listed('2024-10/part-1.csv'), listed('2024-10/part-2.csv')];
    expect(planDirectoryImport(root, listing, previous)).toMatchObject({ read: [], removed: ['2024-08.csv'], upToDate: true });
  });

  it("counts a changed file's old months as affected, even if it no longer holds them", () => {
    const listing = [listed('2024-08.csv'), listed('2024-09.csv', 120, 3), listed('2024-10/part-1.csv'), listed('2024-10/part-2.csv')];
    expect(planDirectoryImport(root, listing, previous).affectedPeriods).toEqual(['2024-09-01']);
  });
});

describe('filesToReread', () => {
  it('closes over the months the chosen files add', () => {
    const candidates = [
      { path: 'aug', displayName: 'aug', billingPeriods: ['2024-08-01'] },
      { path: 'sep-oct', displayName: 'sep-oct', billingPeriods: ['2024-09-01', '2024-10-01'] },
      { path: 'sep', displayName: 'sep', billingPeriods: ['2024-09-01'] },
      { path: 'nov', displayName: 'nov', billingPeriods: ['2024-11-01'] },
    ];
    const periods = new Set(['2024-10-01']);
    // 'sep' is looked at before 'sep-oct' adds September: it takes a second pass.
    expect(filesToReread(periods, [...candidates].reverse()).map(c => c.path)).toEqual(['sep', 'sep-oct']);
    expect([...periods].sort()).toEqual(['2024-09-01', '2024-10-01']);
    expect(filesToReread(new Set(), candidates)).toEqual([]);
  });
});

describe('nextManifest', () => {
  it('takes the periods of the files read and carries the others over', () => {
    const previous = manifest([
      ['a.csv', ['2024-08-01']],
      ['b.csv', ['2024-09-01']],
    ]);
    const next = nextManifest(root, [listed('a.csv'), listed('b.csv', 200, 9), listed('c.csv')], previous, new Map([
      ['b.csv', ['2024-09-01', '2024-10-01']],
      ['c.csv', ['2024-11-01']],
    ]));
    expect(next).toEqual({
      root,
      files: [
        { relativePath: 'a.csv', size: 100, mtimeMs: 1, billingPeriods: ['2024-08-01'] },
        { relativePath: 'b.csv', size: 200, mtimeMs: 9, billingPeriods: ['2024-09-01', '2024-10-01'] },
        { relativePath: 'c.csv', size: 100, mtimeMs: 1, billingPeriods: ['2024-11-01'] },
      ],
    });
  });
});
