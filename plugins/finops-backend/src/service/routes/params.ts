import { InputError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { addDays, daysBetween, isIsoDate, todayUtc } from '@backstage-finops/plugin-finops-common';

/** Longest period one request may cover. */
const MAX_PERIOD_DAYS = 1100;

export function readPeriod(from: string, to: string): { from: string; to: string } {
  if (!isIsoDate(from)) {
    throw new InputError(`from "${from}" is not a date (YYYY-MM-DD)`);
  }
  if (!isIsoDate(to)) {
    throw new InputError(`to "${to}" is not a date (YYYY-MM-DD)`);
  }
  if (to <= from) {
    throw new InputError(`to (${to}) must be after from (${from}); to is exclusive`);
  }
  if (daysBetween(from, to) > MAX_PERIOD_DAYS) {
    throw new InputError(`The period may cover at most ${MAX_PERIOD_DAYS} days`);
  }
  return { from, to };
}

/**
 * A period whose bounds may be left out: `to` defaults to tomorrow (UTC),
 * so that today is included, and `from` to `defaultDays` before `to`.
 */
export function readRecentPeriod(from: string | undefined, to: string | undefined, defaultDays: number): { from: string; to: string } {
  const until = to ?? addDays(todayUtc(), 1);
  return readPeriod(from ?? (isIsoDate(until) ? addDays(until, -defaultDays) : until), until);
}

export function readEntityRef(text: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(text));
  } catch (error) {
    throw new InputError(`entityRef "${text}" is not an entity ref such as component:default/my-service: ${(error as Error).message}`);
  }
}

export function readTags(text: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InputError('tags must be a JSON object, e.g. {"service":"checkout-api"}');
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    Array.isArray(parsed) ||
    Object.values(parsed).some(value => typeof value !== 'string')
  ) {
    throw new InputError('tags must be a JSON object of string values');
  }
  return parsed as Record<string, string>;
}
