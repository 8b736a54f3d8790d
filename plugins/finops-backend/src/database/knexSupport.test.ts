import { withoutStatement } from './knexSupport';

describe('withoutStatement', () => {
  it('keeps what the database said and drops the SQL knex put before it', () => {
    const knexError = new Error('insert into "finops_daily_costs" (a, b) select 1 - 2 from x - integer out of range');
    expect(withoutStatement(knexError).message).toBe("The database refused the import's rows: integer out of range");
    const other = new Error('Stored slices do not reconcile - see above');
    expect(withoutStatement(other)).toBe(other);
  });
});
