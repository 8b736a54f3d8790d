import type { DirectoryManifest } from '../core';

/**
 * Which files of a directory source an import must read, so that reading
 * only what changed gives the same stored data as reading everything.
 *
 * An import replaces every billing period its input holds. Re-reading only
 * the changed files would therefore replace a period with part of its rows
 * when unchanged files hold rows of the same period (AWS writes a month in
 * several parts). The rule: every file holding a row of a period the import
 * replaces is read. Unchanged files are known by the periods the last import
 * found in them, so the set closes without reading them first.
 */

/** A file of a directory source as listed: identity and what tells a change. */
export interface ListedFile {
  path: string;
  relativePath: string;
  size: number;
  mtimeMs: number;
}

/** A file that is read only if a period the import replaces is among its own. */
export interface RereadCandidate {
  path: string;
  displayName: string;
  billingPeriods: string[];
}

export interface DirectoryPlan {
  /** Read first, always: new and changed files, or every file without a usable manifest. */
  read: ListedFile[];
  /** Unchanged files, read after `read` when they share a period with what was read. */
  candidates: RereadCandidate[];
  /** Periods the import must re-derive although no file read may hold them: those of removed files and changed files' old ones. */
  affectedPeriods: string[];
  /** Files the last import read that are gone. */
  removed: string[];
  /** Bytes the import expects to read if changed files keep their periods. */
  expectedBytes: number;
  /** Nothing to read: only files whose periods no other file holds were removed, and their stored months stay. */
  upToDate: boolean;
}

/**
 * Plans the import of a directory listing against the manifest of the last
 * successful import of the same source; without one (the first import, or
 * the source's path changed) every file is read.
 */
export function planDirectoryImport(root: string, listing: ListedFile[], previous: DirectoryManifest | undefined): DirectoryPlan {
  if (!previous || previous.root !== root) {
    return { read: listing, candidates: [], affectedPeriods: [], removed: [], expectedBytes: sum(listing.map(f => f.size)), upToDate: false };
  }
  const before = new Map(previous.files.map(file => [file.relativePath, file]));
  const read: ListedFile[] = [];
  const unchanged: Array<ListedFile & { billingPeriods: string[] }> = [];
  const affected = new Set<string>();
  for (const file of listing) {
    const seen = before.get(file.relativePath);
    before.delete(file.relativePath);
    if (seen && seen.size === file.size && seen.mtimeMs === file.mtimeMs) {
      unchanged.push({ ...file, billingPeriods: seen.billingPeriods });
    } else {
      read.push(file);
      seen?.billingPeriods.forEach(period => affected.add(period));
    }
  }
  for (const removed of before.values()) {
    removed.billingPeriods.forEach(period => affected.add(period));
  }
  const candidates = unchanged.map(file => ({ path: file.path, displayName: file.relativePath, billingPeriods: file.billingPeriods }));
  const likelyRereads = filesToReread(new Set(affected), candidates);
  const sizes = new Map(unchanged.map(file => [file.path, file.size]));
  return {
    read,
    candidates,
    affectedPeriods: [...affected].sort(),
    removed: [...before.keys()].sort(),
    expectedBytes: sum(read.map(f => f.size)) + sum(likelyRereads.map(f => sizes.get(f.path) ?? 0)),
    upToDate: read.length === 0 && likelyRereads.length === 0,
  };
}

/**
 * The candidates that hold a row of one of `periods`, closed over the
 * periods those files add: a file read for October that also holds
 * September makes September replaced, so every file holding September is
 * read too. Adds the periods of the chosen files to `periods`.
 */
export function filesToReread(periods: Set<string>, candidates: RereadCandidate[]): RereadCandidate[] {
  const chosen = new Set<RereadCandidate>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const candidate of candidates) {
      if (!chosen.has(candidate) && candidate.billingPeriods.some(period => periods.has(period))) {
        chosen.add(candidate);
        candidate.billingPeriods.forEach(period => periods.add(period));
        grew = true;
      }
    }
  }
  return candidates.filter(candidate => chosen.has(candidate));
}

/** The manifest a successful import leaves: periods found by reading, or carried over from the last one. */
export function nextManifest(
  root: string,
  listing: ListedFile[],
  previous: DirectoryManifest | undefined,
  periodsRead: Map<string, string[]>,
): DirectoryManifest {
  // Files not read this time are unchanged, so the last manifest (of this root) holds their periods.
  const before = new Map(previous?.files.map(file => [file.relativePath, file]));
  return {
    root,
    files: listing.map(file => ({
      relativePath: file.relativePath,
      size: file.size,
      mtimeMs: file.mtimeMs,
      billingPeriods: periodsRead.get(file.relativePath) ?? before.get(file.relativePath)?.billingPeriods ?? [],
    })),
  };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
