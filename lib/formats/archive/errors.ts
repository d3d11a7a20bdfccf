// The one error of archive reading: what a hostile or broken archive causes.
// Callers turn it into a 400 naming the file; anything else is a bug.
//
// One class per process, kept on globalThis: the inspection pool is shared
// by the native routes (loaded by tsx) and Next's bundle (its own copy of
// this module), so an error the pool raises must pass `instanceof` in both.
class LocalArchiveError extends Error {}

const g = globalThis as unknown as { tollgateArchiveError?: typeof LocalArchiveError };

export const ArchiveError = (g.tollgateArchiveError ??= LocalArchiveError);
export type ArchiveError = LocalArchiveError;
