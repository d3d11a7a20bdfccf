/**
 * A slug proposed from an organization name: "Acme Corp." → "acme-corp".
 * Follows the rules of lib/orgs/schema.ts (a-z, 0-9, inner hyphens, ≤ 39);
 * the schema still validates what the user ends up with.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 39)
    .replace(/-+$/g, '');
}
