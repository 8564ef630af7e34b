import { describe, expect, it } from 'vitest';
import { columnLetter, parseCsv, type CsvRecord } from '../../../../domain/common/catalog/csv.js';

function records(text: string): CsvRecord[] {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(`expected CSV to parse: ${parsed.error.message}`);
  return parsed.value;
}
const fields = (text: string): (readonly string[])[] => records(text).map((r) => r.fields);

function failure(text: string): { line: number; column: number; reason: string } {
  const parsed = parseCsv(text);
  if (parsed.ok) throw new Error('expected a CSV error');
  return { line: parsed.error.line, column: parsed.error.column, reason: parsed.error.reason };
}

describe('parseCsv', () => {
  it('splits fields and records with any line ending', () => {
    expect(fields('a,b\r\nc,d\ne,f\rg,h')).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f'], ['g', 'h']]);
  });

  it('does not make an empty record of a final line break, with or without it', () => {
    expect(fields('a,b\n')).toEqual([['a', 'b']]);
    expect(fields('a,b\r\n')).toEqual([['a', 'b']]);
    expect(fields('a,b')).toEqual([['a', 'b']]);
    expect(fields('')).toEqual([]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(fields(',a,,b,')).toEqual([['', 'a', '', 'b', '']]);
    expect(fields('""')).toEqual([['']]);
    expect(fields('a,""')).toEqual([['a', '']]);
  });

  it('reads commas, line breaks and doubled quotes inside quotes', () => {
    expect(fields('"IPA, 6 cans","say ""hi""","two\nlines"')).toEqual([['IPA, 6 cans', 'say "hi"', 'two\nlines']]);
    expect(fields('""""')).toEqual([['"']]);
    expect(fields('"a\r\nb",c')).toEqual([['a\r\nb', 'c']]);
  });

  it('numbers records by the line they start on, past multi-line cells', () => {
    const rows = records('h1,h2\n"multi\nline\ncell",x\nnext,row\r\n"a\r\nb",c\nlast,one');
    expect(rows.map((r) => r.line)).toEqual([1, 2, 5, 6, 8]);
  });

  it('drops a byte-order mark and keeps accents and symbols', () => {
    expect(fields('\uFEFFsku,name\nbanana,Plátanos ñ €')).toEqual([['sku', 'name'], ['banana', 'Plátanos ñ €']]);
  });

  it('gives blank lines as one empty cell, for the caller to skip', () => {
    expect(fields('a\n\nb')).toEqual([['a'], [''], ['b']]);
  });

  it('reports a quoted cell that is never closed where it opens', () => {
    expect(failure('a,b\nc,"open\nstill open')).toEqual({ line: 2, column: 3, reason: 'a quoted cell is never closed' });
  });

  it('reports a quote inside an unquoted cell', () => {
    const e = failure('sku,name\nx,12" sub');
    expect(e.line).toBe(2);
    expect(e.column).toBe(5);
    expect(e.reason).toContain('a quote inside an unquoted cell');
  });

  it('reports anything after a closing quote, even a space', () => {
    expect(failure('"abc"d').reason).toContain('must end at its closing quote');
    expect(failure('"abc" ,x')).toMatchObject({ line: 1, column: 6 });
    expect(failure('a, "b"').reason).toContain('a quote inside an unquoted cell');
  });

  it('counts lines inside quoted cells when reporting a later error', () => {
    expect(failure('"x\ny",ok\nbad"q')).toMatchObject({ line: 3, column: 4 });
  });
});

describe('columnLetter', () => {
  it('names columns as a spreadsheet does', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
