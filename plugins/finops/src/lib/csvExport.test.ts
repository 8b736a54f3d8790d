import { parseCsv } from '@backstage-finops/plugin-finops-common';
import { csvFileName, csvText, downloadCsv } from './csvExport';

describe('csvFileName', () => {
  it('makes a safe, lower-case name', () => {
    expect(csvFileName(['Team Payments', 'owned', '2026-11-01'])).toBe(
      'team_payments-owned-2026-11-01.csv',
    );
    expect(csvFileName(['group:default/a', ''])).toBe('group_default_a.csv');
    expect(csvFileName([])).toBe('finops.csv');
  });
});

describe('csvText', () => {
  it('keeps amounts exact and escapes formula cells', () => {
    const text = csvText({
      header: ['name', 'amount', 'currency'],
      rows: [
        ['=HYPERLINK("x")', '1234.567890123456789', 'USD'],
        ['-12.5 is a number', '-12.5', 'USD'],
      ],
    });
    expect(text.split('\r\n')[1]).toBe(
      `"'=HYPERLINK(""x"")",1234.567890123456789,USD`,
    );
    expect(text.split('\r\n')[2]).toBe(`'-12.5 is a number,-12.5,USD`);
    expect(parseCsv(text)[1]).toEqual([
      '=HYPERLINK("x")',
      '1234.567890123456789',
      'USD',
    ]);
  });
});

describe('downloadCsv', () => {
  it('hands the browser a CSV blob under the given name', async () => {
    const blobs: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:finops';
    });
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordClick(this: HTMLAnchorElement) {
        clicked.push(this.download);
      });
    downloadCsv('x.csv', { header: ['a'], rows: [['1']] });
    expect(clicked).toEqual(['x.csv']);
    expect(blobs[0].type).toBe('text/csv;charset=utf-8');
    expect(await blobs[0].text()).toBe('a\r\n1\r\n');
    click.mockRestore();
  });
});
