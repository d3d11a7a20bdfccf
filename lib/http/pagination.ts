// Cursor pagination (docs/http.md: `?limit=` default 50, max 200, `?cursor=`;
// `{items, nextCursor}`). The cursor is the id of the last item returned,
// opaque to clients.
import { z } from 'zod';

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(100).optional(),
});
export type PageQuery = z.output<typeof pageQuery>;

/** Prisma arguments for one page: fetch one extra row to know whether more exist. */
export function pageArgs(q: PageQuery) {
  return { take: q.limit + 1, ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}) };
}

export function toPage<T extends { id: string }, R>(rows: T[], q: PageQuery, map: (row: T) => R) {
  const more = rows.length > q.limit;
  const items = (more ? rows.slice(0, q.limit) : rows).map(map);
  return { items, nextCursor: more ? rows[q.limit - 1]!.id : null };
}

export const pageSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
/** One page of a list as the API answers it: the output of `pageSchema(item)`, for clients and specs. */
export type Page<T> = z.output<ReturnType<typeof pageSchema<z.ZodType<T>>>>;
