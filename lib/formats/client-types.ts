// The client-safe half of a format (lib/formats/registry-client.ts lists them):
// what the console shows and copies for it. Pure data and string builders, no
// server imports, so client components may read it. The snippets are run
// verbatim by the console e2e tests: their text is the product.

/** A "Set me up" snippet (components/repos/set-me-up.tsx). */
export type SetMeUpSnippet = { id: string; title: string; text: string; use: 'upload' | 'download' };
/** An upload-help command (components/repos/upload-help.tsx); `download` ones read, the others upload. */
export type HelpSnippet = { title: string; command: string; kind?: 'download' };
/** A command with a new token's secret filled in (components/tokens/usage-snippets.tsx). */
export type TokenSnippet = { id: string; title: string; description: string; command: string };

/** What a token snippet is built from: the host, the org and this format's example repository, encoded. */
export type TokenSnippetContext = {
  /** `scheme://host/prefix`. */
  root: string;
  /** `root` with the secret as a Basic password. */
  withBasic: string;
  /** `host/prefix`, for npm's per-registry auth key. */
  hostPath: string;
  org: string;
  repo: string;
  secret: string;
  /** " The token covers no … repository: … stands in." or empty. */
  note: string;
  /** A file of the example repository, or `<file>`. */
  file: string;
};

export type FormatClient<Id extends string = string> = {
  id: Id;
  /** The format's name in a sentence ("PyPI"). */
  label: string;
  /** The tools "Set me up" configures ("pip and twine"). */
  tools: string;
  /** The package-tool URLs of a repository; `org` and `repo` are already percent-encoded. */
  urls(base: string, org: string, repo: string): Record<string, string>;
  /** The download URL of a stored file (its artifact path, each segment already percent-encoded), from `urls`. */
  fileUrl(urls: Record<string, string>, encodedPath: string): string;
  upload: {
    /** The file picker's accept attribute; undefined: any file. */
    accept?: string;
    hint: string;
    /** What the upload dialog's folder field chooses: a path prefix, a conda subdir, or nothing. */
    folder: 'path' | 'subdir' | null;
  };
  setMeUp(urls: Record<string, string>, token: string): SetMeUpSnippet[];
  uploadHelp(urls: Record<string, string>, token: string): HelpSnippet[];
  tokenSnippets(ctx: TokenSnippetContext): { download: TokenSnippet[]; upload: TokenSnippet[] };
};

export const defineFormatClient = <Id extends string>(client: FormatClient<Id>) => client;

const SAFE_SHELL = /^[A-Za-z0-9._~:/@%+=,-]+$/;
/** Quotes an argument for sh when it holds anything beyond URL-safe characters. */
export const sh = (arg: string) => (SAFE_SHELL.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/** `https://host/x` → `https://token:<token>@host/x`. */
export const withPassword = (url: string, token: string, user = 'token') => url.replace(/^(https?:\/\/)/, `$1${user}:${token}@`);
/** `https://host/x` → `https://host/t/<token>/x`. */
export const withPathToken = (url: string, token: string) => url.replace(/^(https?:\/\/[^/]+)/, `$1/t/${token}`);
