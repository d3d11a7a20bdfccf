// Comparing two spellings of a version (an archive's metadata against twine's
// form, a file name against its metadata). PEP 440 lets one version be written
// many ways; we compare its normal form: case, a leading "v", the separators
// ("-", "_", "."), the alternate spellings (alpha → a, c/pre/preview → rc,
// rev/r → post, "-1" → .post1), implicit numbers (rc → rc0) and leading zeros.
// Deliberately not: trailing zeros of the release (1.0 and 1.0.0 stay
// different strings, as they are different files on an index). A version that
// is not PEP 440 at all is compared by its case and leading "v" only.

const PEP440 = new RegExp(
  '^v?' +
    '(?:(\\d+)!)?' + // epoch
    '(\\d+(?:\\.\\d+)*)' + // release
    '(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?(\\d+)?)?' + // pre
    '(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d+)?)?' + // post
    '(?:[-_.]?(dev)[-_.]?(\\d+)?)?' + // dev
    '(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$', // local
);

const PRE: Record<string, string> = { alpha: 'a', a: 'a', beta: 'b', b: 'b', preview: 'rc', pre: 'rc', c: 'rc', rc: 'rc' };

/** Decimal digits without leading zeros (strings, so no precision is lost). */
const int = (digits: string | undefined) => (digits ?? '0').replace(/^0+(?=\d)/, '');

/** The PEP 440 normal form of `version`, or its lower-cased form without a leading "v" when it is not PEP 440. */
export function canonicalVersion(version: string): string {
  const v = version.trim().toLowerCase();
  const m = PEP440.exec(v);
  if (!m) return v.replace(/^v/, '');
  const [, epoch, release, preL, preN, postN1, postL, postN2, devL, devN, local] = m;
  let out = epoch && int(epoch) !== '0' ? `${int(epoch)}!` : '';
  out += release!.split('.').map(int).join('.');
  if (preL) out += `${PRE[preL]}${int(preN)}`;
  if (postN1 !== undefined) out += `.post${int(postN1)}`;
  else if (postL) out += `.post${int(postN2)}`;
  if (devL) out += `.dev${int(devN)}`;
  if (local) out += `+${local.replace(/[-_]/g, '.')}`;
  return out;
}

export const sameVersion = (a: string, b: string) => canonicalVersion(a) === canonicalVersion(b);

type Key = { epoch: number; release: number[]; pre: [number, number] | null; post: number | null; dev: number | null };

const PRE_RANK: Record<string, number> = { a: 0, b: 1, rc: 2 };

function keyOf(version: string): Key | null {
  const m = PEP440.exec(version.trim().toLowerCase());
  if (!m) return null;
  const [, epoch, release, preL, preN, postN1, postL, postN2, devL, devN] = m;
  const release_ = release!.split('.').map(Number);
  while (release_.length > 1 && release_[release_.length - 1] === 0) release_.pop();
  return {
    epoch: Number(epoch ?? 0),
    release: release_,
    pre: preL ? [PRE_RANK[PRE[preL]!]!, Number(preN ?? 0)] : null,
    post: postN1 !== undefined ? Number(postN1) : postL ? Number(postN2 ?? 0) : null,
    dev: devL ? Number(devN ?? 0) : null,
  };
}

const cmp = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * PEP 440 order (as `packaging.version` sorts): epoch, release (trailing
 * zeros ignored), then 1.0.dev0 < 1.0a1 < 1.0 < 1.0.post1. Local labels are
 * ignored. Versions that are not PEP 440 sort before all others, by text.
 */
export function comparePep440(a: string, b: string): number {
  const x = keyOf(a);
  const y = keyOf(b);
  if (!x || !y) return !x && !y ? (a < b ? -1 : a > b ? 1 : 0) : x ? 1 : -1;
  if (x.epoch !== y.epoch) return cmp(x.epoch, y.epoch);
  for (let i = 0; i < Math.max(x.release.length, y.release.length); i++) {
    const d = cmp(x.release[i] ?? 0, y.release[i] ?? 0);
    if (d) return d;
  }
  // A dev release of a final (1.0.dev1) sorts before its pre-releases.
  const preKey = (k: Key): [number, number] => (k.pre ? k.pre : k.post === null && k.dev !== null ? [-1, 0] : [3, 0]);
  const [pa, pn] = preKey(x);
  const [qa, qn] = preKey(y);
  if (pa !== qa) return cmp(pa, qa);
  if (pn !== qn) return cmp(pn, qn);
  const post = cmp(x.post ?? -1, y.post ?? -1);
  if (post) return post;
  return cmp(x.dev ?? Infinity, y.dev ?? Infinity);
}

/** A pre-release or development release (1.0a1, 1.0rc2, 1.0.dev3). */
export const isPrerelease = (version: string) => {
  const k = keyOf(version);
  return !!k && (k.pre !== null || k.dev !== null);
};
