import { unitCostResponse } from '../components/__testUtils__/fixtures';
import {
  buildUnitCostChartRows,
  unitCostCsvTable,
  unitCostDrivers,
} from './unitCostData';

describe('buildUnitCostChartRows', () => {
  it('scales the unit cost exactly by the multiplier and keeps gaps null', () => {
    const rows = buildUnitCostChartRows(unitCostResponse(), 6);
    expect(rows).toEqual([
      {
        date: '2026-03-13',
        unitCost: 12.5,
        quantity: 32000000,
        unitCostText: '0.0000125',
        quantityText: '32000000',
        partial: false,
      },
      {
        date: '2026-03-14',
        unitCost: null,
        quantity: null,
        unitCostText: null,
        quantityText: null,
        partial: false,
      },
      {
        date: '2026-03-15',
        unitCost: 12.2058823529,
        quantity: 68000000,
        unitCostText: '0.0000122058823529',
        quantityText: '68000000',
        partial: false,
      },
    ]);
  });

  it('keeps zero units as zero, and marks partial buckets', () => {
    const [row] = buildUnitCostChartRows(
      {
        series: [
          {
            date: '2026-03-01',
            cost: '0',
            quantity: '0',
            unitCost: null,
            uncoveredCost: '0',
            uncoveredQuantity: '0',
            partial: true,
          },
        ],
      },
      3,
    );
    expect(row.quantity).toBe(0);
    expect(row.unitCost).toBeNull();
    expect(row.partial).toBe(true);
  });

  it('does not lose the digits a float multiplication would', () => {
    const [row] = buildUnitCostChartRows(
      {
        series: [
          {
            date: '2026-03-01',
            cost: '57',
            quantity: '10000000',
            unitCost: '0.0000057',
            uncoveredCost: '0',
            uncoveredQuantity: '0',
          },
        ],
      },
      6,
    );
    expect(row.unitCost).toBe(5.7);
  });
});

describe('unitCostCsvTable', () => {
  it('has the columns of /unit-costs?format=csv and empty gaps', () => {
    const table = unitCostCsvTable(unitCostResponse({ unit: null }));
    expect(table.header).toEqual([
      'date',
      'cost',
      'quantity',
      'unitCost',
      'uncoveredCost',
      'uncoveredQuantity',
      'currency',
      'unit',
    ]);
    expect(table.rows[1]).toEqual([
      '2026-03-14',
      null,
      null,
      null,
      '430',
      '0',
      'USD',
      null,
    ]);
  });
});

describe('unitCostDrivers', () => {
  it('calls a lower unit cost better, even when the cost rose', () => {
    expect(
      unitCostDrivers({
        changeRatio: -0.2,
        costChangeRatio: 0.2,
        quantityChangeRatio: 0.5,
      }),
    ).toEqual({
      costRatio: 0.2,
      quantityRatio: 0.5,
      unitCostRatio: -0.2,
      outcome: 'better',
    });
  });

  it('calls a higher unit cost worse, even when the cost fell', () => {
    expect(
      unitCostDrivers({
        changeRatio: 0.2857,
        costChangeRatio: -0.1,
        quantityChangeRatio: -0.3,
      })?.outcome,
    ).toBe('worse');
  });

  it('calls a change that rounds to 0.0 % the same', () => {
    expect(
      unitCostDrivers({
        changeRatio: 0.0004,
        costChangeRatio: 0.1,
        quantityChangeRatio: 0.1,
      })?.outcome,
    ).toBe('same');
  });

  it('has nothing to say without a previous period', () => {
    expect(
      unitCostDrivers({
        changeRatio: null,
        costChangeRatio: 0.2,
        quantityChangeRatio: null,
      }),
    ).toBeUndefined();
  });
});
