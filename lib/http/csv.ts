// CSV exports (the audit log, an entitlement's downloads): RFC 4180 quoting, cells a spreadsheet
// would run as formulas defused, rows read in keyset batches while the client downloads them, so
// an export is never held whole in memory.

/** RFC 4180 quoting; a string a spreadsheet would run as a formula (= + - @, tab, CR) is prefixed with '. */
export function csvCell(value: string | number): string {
  const s = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: readonly (string | number)[]) => `${cells.map(csvCell).join(',')}\r\n`;

type CsvExport<T extends { id: string }> = {
  /** The attachment's file name (already safe for a header). */
  filename: string;
  header: readonly string[];
  /** The next batch after `cursor` (the last row's id), in the export's order; fewer than `take` ends it. */
  read: (cursor: string | undefined, take: number) => Promise<T[]>;
  cells: (row: T) => readonly (string | number)[];
  batch?: number;
};

/** A streamed `text/csv` attachment: the header line, then one batch per pull. */
export function csvResponse<T extends { id: string }>({ filename, header, read, cells, batch = 500 }: CsvExport<T>): Response {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(header)));
    },
    async pull(controller) {
      if (done) return controller.close();
      const rows = await read(cursor, batch);
      if (rows.length < batch) done = true;
      else cursor = rows[rows.length - 1]!.id;
      const text = rows.map((r) => csvLine(cells(r))).join('');
      if (text) controller.enqueue(encoder.encode(text));
      if (done) controller.close();
    },
  });
  return new Response(stream, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
