import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, csvResponse } from './csv';

describe('csvCell', () => {
  it('quotes cells with commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });
  it('defuses strings a spreadsheet would run as formulas, not numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-5)).toBe('-5');
  });
});

describe('csvResponse', () => {
  it('streams the header, then every batch until a short one', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ id: `r${i}`, n: i }));
    const reads: (string | undefined)[] = [];
    const res = csvResponse({
      filename: 'x.csv',
      header: ['id', 'n'],
      batch: 2,
      read: async (cursor, take) => {
        reads.push(cursor);
        const from = cursor ? rows.findIndex((r) => r.id === cursor) + 1 : 0;
        return rows.slice(from, from + take);
      },
      cells: (r) => [r.id, r.n],
    });
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="x.csv"');
    expect(await res.text()).toBe(csvLine(['id', 'n']) + rows.map((r) => `${r.id},${r.n}\r\n`).join(''));
    expect(reads).toEqual([undefined, 'r1', 'r3']);
  });
});
