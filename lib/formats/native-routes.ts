// The native tool routes of every registered format, mounted twice: on Node's
// http objects by the production front (server.ts) and as Next route handlers
// (app/{format}/[...path]/route.ts, for `next dev`).
import { createDispatcher } from '@/lib/native/dispatch';
import { nextRouteHandlers } from '@/lib/native/next-adapter';
import { nodeHandler } from '@/lib/native/node-adapter';
import { FORMATS } from './registry';

export const { dispatchNative, isNativePath } = createDispatcher(FORMATS);
export const handleNativeNode = nodeHandler(dispatchNative);
export const { GET, HEAD, PUT, POST, DELETE, PATCH } = nextRouteHandlers(dispatchNative);
