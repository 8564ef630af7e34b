// A strict RFC 4180 reader for product sheets exported from a spreadsheet. Strict, because a
// stray quote usually means a mangled export, and guessing would put the wrong price on a shelf.
import { err, ok, type Result } from '../result.js';

export interface CsvRecord {
  /** The 1-based line the record starts on (a quoted cell may span several lines). */
  readonly line: number;
  readonly fields: readonly string[];
}

export class CsvError extends Error {
  override readonly name = 'CsvError';
  readonly code = 'csv-syntax';
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`line ${line}, character ${column}: ${reason}`);
  }
}

/**
 * Splits CSV text into records: fields separated by commas, records by CRLF, LF or CR; a field
 * in double quotes may hold commas, line breaks and doubled quotes (`""` for `"`). A byte-order
 * mark is dropped; a final line break does not make an empty record.
 */
export function parseCsv(text: string): Result<CsvRecord[], CsvError> {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let column = 0;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // After a closing quote only a separator or a line break may follow.
  let closedQuote = false;
  let fieldStarted = false;

  const endField = (): void => {
    fields.push(field);
    field = '';
    closedQuote = false;
    fieldStarted = false;
  };
  const endRecord = (): void => {
    endField();
    records.push({ line: recordLine, fields });
    fields = [];
  };

  while (i < text.length) {
    const c = text[i] as string;
    column++;
    if (c === '"') {
      if (fieldStarted || closedQuote) {
        return err(new CsvError(line, column, closedQuote
          ? 'a quoted cell must end at its closing quote (write "" for a quote inside quotes)'
          : 'a quote inside an unquoted cell (put the whole cell in quotes and double the quote)'));
      }
      const openLine = line;
      const openColumn = column;
      i++;
      for (;;) {
        if (i >= text.length) return err(new CsvError(openLine, openColumn, 'a quoted cell is never closed'));
        const q = text[i] as string;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            column += 2;
            continue;
          }
          i++;
          column++;
          break;
        }
        if (q === '\n' || (q === '\r' && text[i + 1] !== '\n')) {
          line++;
          column = 0;
        } else {
          column++;
        }
        field += q;
        i++;
      }
      closedQuote = true;
      continue;
    }
    if (c === ',') {
      endField();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      column = 0;
      recordLine = line;
      continue;
    }
    if (closedQuote) {
      return err(new CsvError(line, column, 'a quoted cell must end at its closing quote (write "" for a quote inside quotes)'));
    }
    field += c;
    fieldStarted = true;
    i++;
  }
  // The last record, unless the text ended with a line break (or was empty).
  if (fields.length > 0 || fieldStarted || closedQuote) endRecord();
  return ok(records);
}

/** A 0-based column index as a spreadsheet names it: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
