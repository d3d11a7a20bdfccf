// `npm run db:migrate`: apply pending migrations to the configured database.
import { env } from '@/lib/env';
import { migrate } from '@/lib/db/migrate';

migrate(env().database, (line) => console.log(line))
  .then(({ applied, total }) => {
    console.log(applied.length ? `${applied.length} migration(s) applied; ${total} in all.` : `Up to date (${total} migrations).`);
  })
  .catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
