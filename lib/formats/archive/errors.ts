// The one error of archive reading: what a hostile or broken archive causes.
// Callers turn it into a 400 naming the file; anything else is a bug.
export class ArchiveError extends Error {}
