import { focusChargeRowProblem } from './checkFocusChargeRow';
import type { FocusChargeRow } from './focusChargeRow';

const row: FocusChargeRow = {
  chargePeriodStart: '2024-09-18T22:00:00Z',
  chargePeriodEnd: '2024-09-18T23:00:00+01:00',
  billingPeriodStart: '2024-09-01',
  billingAccountId: '111',
  subAccountId: '',
  providerName: 'AWS',
  serviceName: 'EC2',
  serviceCategory: 'Compute',
  regionId: 'us-east-1',
  resourceId: 'i-1',
  chargeCategory: 'Usage',
  billingCurrency: 'USD',
  tags: { service: 'checkout' },
  billedCost: 1n,
  effectiveCost: 1n,
  listCost: 0n,
};

describe('focusChargeRowProblem', () => {
  it('accepts a charge row, with dates alone or with times', () => {
    expect(focusChargeRowProblem(row)).toBeUndefined();
    expect(focusChargeRowProblem({ ...row, chargePeriodStart: '2024-09-18', chargePeriodEnd: '2024-09-19' })).toBeUndefined();
  });

  it.each([
    [{ chargePeriodStart: '18/09/2024' }, 'chargePeriodStart "18/09/2024" is not an ISO 8601 date or date-time'],
    [{ chargePeriodEnd: '2024-09-17' }, 'chargePeriodEnd "2024-09-17" is before chargePeriodStart "2024-09-18T22:00:00Z"'],
    [{ billingPeriodStart: '2024-09' }, 'billingPeriodStart "2024-09" is not a date (YYYY-MM-DD)'],
    [{ regionId: undefined }, 'regionId is undefined, not a string (use "" when absent)'],
    [{ chargeCategory: 'usage' }, 'chargeCategory "usage" is not one of Usage, Purchase, Tax, Credit, Adjustment'],
    [{ billingCurrency: 'usd' }, 'billingCurrency "usd" is not an upper-case ISO 4217 code'],
    [{ effectiveCost: 0.1 }, 'effectiveCost is a number, not a bigint of atto-units (parseDecimal of the decimal text)'],
    [{ tags: { team: 7 } }, 'tag "team" has the value 7, not a string'],
    [{ tags: null }, 'tags is null, not an object of tag key to value'],
  ])('names the field and value that are wrong: %j', (change, problem) => {
    expect(focusChargeRowProblem({ ...row, ...change })).toBe(problem);
  });

  it('says what a row that is not an object is', () => {
    expect(focusChargeRowProblem(null)).toBe('the row is null, not an object');
    expect(focusChargeRowProblem('a,b')).toBe('the row is string, not an object');
  });
});
