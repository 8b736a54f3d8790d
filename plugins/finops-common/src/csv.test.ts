import { csvCell, parseCsv, toCsv } from './csv';

describe('CSV', () => {
  it('escapes what a spreadsheet would run as a formula, but not plain numbers', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1-2')).toBe("'+1-2");
    expect(csvCell('-cmd|calc')).toBe("'-cmd|calc");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell('0.000000000000000001')).toBe('0.000000000000000001');
    expect(csvCell(null)).toBe('');
    expect(csvCell(0.25)).toBe('0.25');
  });

  it('reads back every cell as it was: quotes, commas, line breaks, formulas and leading quotes', () => {
    const rows = [
      ['a,b', 'say "hi"', 'two\nlines', '=1+1', "'quoted", "''twice", '-5', '', 'ü'],
      ['+x', '@y', '\tz', 'plain', '1.5', '-0.000000000000000001', '{"team":"a,b"}', "'=", 'x'],
    ];
    const text = toCsv(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9'], rows);
    expect(parseCsv(text)).toEqual([['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9'], ...rows]);
  });
});
