// Served by lib/native for every format in lib/formats/registry.ts; in production the front (server.ts) answers before Next.
export { GET, HEAD, PUT, POST, DELETE, PATCH } from '@/lib/formats/native-routes';
