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
