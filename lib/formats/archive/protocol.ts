// The messages between the server and an inspection worker (inspect.ts,
// worker/main.ts). One job at a time per worker; the worker asks for the
// archive's bytes range by range, so it never needs the blob store.
import type { RecipeArgs, RecipeName } from './recipes';

export type JobMessage<N extends RecipeName = RecipeName> = {
  type: 'job';
  recipe: N;
  args: RecipeArgs<N>;
  size: number;
  /** The whole archive, when the caller holds it (else ranges are asked for). */
  bytes?: Uint8Array;
};
export type BytesMessage = { type: 'bytes'; req: number; data: Uint8Array } | { type: 'read-failed'; req: number; message: string };
export type ToWorker = JobMessage | BytesMessage;

export type FromWorker =
  | { type: 'ready' }
  | { type: 'read'; req: number; start: number; end: number }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; archive: boolean; message: string };
