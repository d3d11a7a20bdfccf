/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native modules and the database drivers stay outside the bundle.
  serverExternalPackages: ['better-sqlite3', 'pg', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
