// Minting signed URLs and rotating the signing key (docs/http.md "Signed
// URLs"). Every function starts with requireScope(); verification is on the
// download path (lib/native/signed-url.ts).
import type { z } from 'zod';
import { requireUser, type Actor } from '@/lib/auth/actor';
import { requireScope } from '@/lib/authz';
import { recordAudit } from '@/lib/audit/service';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/http/errors';
import { findOrg, orgResource } from '@/lib/orgs/service';
import { findRepo, repoResource } from '@/lib/repos/service';
import { fileUrl } from '@/lib/repos/urls';
import { SIGNED_METHOD, signature } from './crypto';
import { currentSigningKey, rotateKey } from './keys';
import { DEFAULT_SIGNED_EXPIRY, parseSignedExpiry, type mintSignedUrlInput } from './schema';

export async function mintSignedUrl(actor: Actor, slug: string, name: string, input: z.output<typeof mintSignedUrlInput>) {
  const { org, repo } = await findRepo(slug, name);
  requireScope(actor.principal, 'artifact:download', repoResource(repo));
  // The URL names who minted it (the download log records them): a person, never anonymous.
  const user = requireUser(actor);
  const path = input.path.replace(/^\/+/, '');
  const artifact = await db().artifact.findUnique({ where: { repositoryId_path: { repositoryId: repo.id, path } }, select: { id: true } });
  if (!artifact) throw notFound('No such file.');
  const lifetime = parseSignedExpiry(input.expiresIn ?? DEFAULT_SIGNED_EXPIRY)!;
  const expires = Math.ceil((Date.now() + lifetime) / 1000);
  const key = await currentSigningKey(org.id);
  const sig = signature(key.key, key.version, SIGNED_METHOD, { format: repo.format, org: org.slug, repo: repo.name, path }, expires, user.id);
  const expiresAt = new Date(expires * 1000).toISOString();
  await recordAudit(db(), actor, {
    orgId: org.id,
    action: 'signed_url.created',
    target: { type: 'artifact', id: artifact.id, label: `${repo.name}/${path}` },
    data: { expiresAt, keyVersion: key.version },
  });
  const query = new URLSearchParams({ expires: String(expires), signature: sig });
  return { url: `${fileUrl(org.slug, repo.name, repo.format, path)}?${query}`, expiresAt, path, keyVersion: key.version };
}

export async function getSigningKey(actor: Actor, slug: string) {
  const org = await findOrg(slug);
  requireScope(actor.principal, 'signing-key:edit', orgResource(org));
  const row = await db().organization.findUniqueOrThrow({ where: { id: org.id }, select: { signingKeyVersion: true } });
  const key = await db().signingKey.findUnique({ where: { orgId_version: { orgId: org.id, version: row.signingKeyVersion } }, select: { createdAt: true } });
  return { version: row.signingKeyVersion, createdAt: key?.createdAt.toISOString() ?? null };
}

export async function rotateSigningKey(actor: Actor, slug: string) {
  const org = await findOrg(slug);
  requireScope(actor.principal, 'signing-key:edit', orgResource(org));
  const version = await db().$transaction(async (tx) => {
    const version = await rotateKey(tx, org.id);
    await recordAudit(tx, actor, {
      orgId: org.id,
      action: 'signing_key.rotated',
      target: { type: 'signing_key', label: `version ${version}` },
      data: { version },
    });
    return version;
  });
  return { version };
}
