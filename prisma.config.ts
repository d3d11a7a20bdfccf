// Prisma CLI configuration (Prisma 7). Tollgate never runs `prisma migrate`:
// the native schema engine it needs cannot be downloaded in air-gapped networks.
// The CLI is used only to generate the clients (scripts/db/generate.mjs); SQL
// migrations are produced by scripts/db/new-migration.mjs and applied by
// lib/db/migrate.ts.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
});
