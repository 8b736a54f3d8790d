import { CsvScanner, CsvSyntaxError } from './csvScanner';

function scan(chunks: string[]): Array<{ fields: string[]; line: number }> {
  const records: Array<{ fields: string[]; line: number }> = [];
  const scanner = new CsvScanner((record, line) => records.push({ fields: record.toArray(), line }));
  chunks.forEach(chunk => scanner.push(chunk));
  scanner.end();
  return records;
}

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but none was thrown');
}

/** Every way of cutting `text` into two chunks must give the same records. */
function scanAllSplits(text: string) {
  const whole = scan([text]);
  for (let cut = 0; cut <= text.length; cut++) {
    expect(scan([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
  }
  expect(scan(text.split(''))).toEqual(whole);
  return whole;
}

describe('CsvScanner', () => {
  it('reads plain records with LF, CRLF and no final line break', () => {
    expect(scanAllSplits('a,b\r\n1,2\n3,4')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', '2'], line: 2 },
      { fields: ['3', '4'], line: 3 },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(scanAllSplits('x,"a,b","say ""hi""","two\nlines"\nnext,"",,\n')).toEqual([
      { fields: ['x', 'a,b', 'say "hi"', 'two\nlines'], line: 1 },
      { fields: ['next', '', '', ''], line: 3 },
    ]);
  });

  it('counts physical lines across quoted line breaks and CRLF', () => {
    const records = scanAllSplits('h\r\n"1\r\n2\r\n3"\r\nz\r\n');
    expect(records.map(r => r.line)).toEqual([1, 2, 5]);
  });

  it('skips blank lines', () => {
    expect(scanAllSplits('a\n\nb\n').map(r => r.fields)).toEqual([['a'], ['b']]);
  });

  it('rejects an unterminated quote with its line', () => {
    expect(() => scan(['a\n"open,2\n'])).toThrow(CsvSyntaxError);
    expect(thrownBy(() => scan(['a\nb\n"open,2\n']))).toMatchObject({ name: 'CsvSyntaxError', line: 3 });
  });

  it('rejects text after a closing quote', () => {
    expect(() => scan(['"a"b,c\n'])).toThrow(/followed by a comma/);
  });

  it('rejects a record longer than it will hold', () => {
    const scanner = new CsvScanner(() => {});
    expect(() => {
      for (let i = 0; i < 12; i++) scanner.push('x'.repeat(1 << 20));
    }).toThrow(/longer than/);
  });
});
