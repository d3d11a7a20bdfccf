/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native modules and the database drivers stay outside the bundle.
  serverExternalPackages: ['better-sqlite3', 'pg', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg'],
  poweredByHeader: false,
  // The build typechecks the app only; tests are typechecked by `npm run typecheck`.
  typescript: { tsconfigPath: 'tsconfig.next.json' },
  // Lets several checkouts' builds coexist (tests, parallel work); default .next.
  distDir: process.env.TOLLGATE_DIST_DIR || '.next',
  typedRoutes: false,
};

export default nextConfig;
