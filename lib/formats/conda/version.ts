// Conda's version order (conda.models.version.VersionOrder), to name the
// latest version of a package in channeldata.json the way conda would:
// an optional epoch ("1!"), components split at "." and "_", each split into
// runs of digits and non-digits; numbers compare numerically, strings below
// numbers ("1.0a1" < "1.0"), "dev" below every other string, "post" above
// everything; a local version ("+…") breaks ties.

const POST = Symbol('post');
type Part = bigint | string | typeof POST;
type Parsed = { version: Part[][]; local: Part[][] };

function components(text: string): Part[][] | null {
  const out: Part[][] = [];
  for (const piece of text.split('.')) {
    const runs = piece.match(/[0-9]+|[*]+|[^0-9*]+/g);
    if (!runs) return null;
    const parts: Part[] = runs.map((r) => (/^[0-9]+$/.test(r) ? BigInt(r) : r === 'post' ? POST : r === 'dev' ? 'DEV' : r));
    // Every component starts with a number, so numbers and strings stay in step.
    out.push(typeof parts[0] === 'bigint' ? parts : [0n, ...parts]);
  }
  return out;
}

export function parseVersion(raw: string): Parsed | null {
  const v = raw.trim().toLowerCase();
  if (!/^[*.+!_0-9a-z]+$/.test(v)) return null;
  const [epoch, rest, ...more] = v.includes('!') ? v.split('!') : ['0', v];
  if (more.length || !epoch || !/^[0-9]+$/.test(epoch) || !rest) return null;
  const [main, local, ...extra] = rest.split('+');
  if (extra.length || !main || local === '') return null;
  // A trailing "_" stays with the last component (openssl-style "1.0.1k_").
  const split = main.endsWith('_') ? `${main.slice(0, -1).replace(/_/g, '.')}_` : main.replace(/_/g, '.');
  const version = components(`${epoch}.${split}`);
  const localParts = local === undefined ? [] : components(local.replace(/_/g, '.'));
  if (!version || !localParts) return null;
  return { version, local: localParts };
}

/** <0, 0 or >0 as `a` is below, equal to or above `b` for conda. */
function comparePart(a: Part, b: Part): number {
  if (a === b) return 0;
  if (a === POST) return 1;
  if (b === POST) return -1;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : 1;
  if (typeof a === 'string') return -1;
  if (typeof b === 'string') return 1;
  return a < b ? -1 : 1;
}

function compareLists(a: Part[][], b: Part[][]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? [];
    const y = b[i] ?? [];
    for (let j = 0; j < Math.max(x.length, y.length); j++) {
      const c = comparePart(x[j] ?? 0n, y[j] ?? 0n);
      if (c !== 0) return c;
    }
  }
  return 0;
}

/** Conda's order; versions conda would reject sort below valid ones, by text among themselves. */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) return x ? 1 : y ? -1 : a < b ? -1 : a > b ? 1 : 0;
  return compareLists(x.version, y.version) || compareLists(x.local, y.local);
}
