// Served by lib/native; in production the front (server.ts) answers before Next.
import { nativeRouteHandlers } from '@/lib/native/next-adapter';

export const { GET, HEAD, PUT, POST, DELETE, PATCH } = nativeRouteHandlers;
