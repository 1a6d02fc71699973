/**
 * CSV that Excel opens correctly with Chinese text, written by csv-stringify: UTF-8 with a byte-order mark, CRLF
 * record ends, quotes around any field with a comma, quote, line break or semicolon (Excel in zh and de locales
 * splits on `;`), and text cells that start like a formula neutralised with a leading apostrophe (CSV injection).
 */
import { stringify } from 'csv-stringify/sync';

/** Characters a spreadsheet reads as the start of a formula (or that hide one) at the start of a cell. */
const FORMULA_START = /^[=+\-@\t\r]/;

function defuse(value: unknown): unknown {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** The header and rows as one CSV document (Excel-ready; null and undefined are empty cells, dates ISO 8601). */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  return stringify(
    [header, ...rows].map((row) => row.map(defuse)),
    {
      bom: true,
      record_delimiter: 'windows',
      quoted_match: /[;\r\n]/,
      cast: {
        date: (date) => date.toISOString(),
        bigint: (value) => value.toString(),
        boolean: (value) => String(value),
      },
    },
  );
}
