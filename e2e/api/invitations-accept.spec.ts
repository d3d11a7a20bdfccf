/**
 * Invitations, using them (docs/http.md "Accounts and organizations", docs/permissions.md "Credentials"): looking
 * up and accepting; single use; expiry; the accept link on PUBLIC_URL; e-mail delivery over a real
 * SMTP server.
 */
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { test, expect, createApi } from '../support/fixtures';
import { startServer } from '../support/server';
import {
  PASSWORD,
  accept,
  detailPaths,
  expectError,
  expireInvitation,
  invite,
  signIn,
  signup,
  uniqueEmail,
  wellFormedUnknownSecret,
  whoami,
  type Invitation,
} from './helpers';
import type { Page, PublicInvitation } from './invitations-helpers';

test.describe('looking up and accepting', () => {
  test('GET /invitations/{secret} describes the invitation without credentials', async ({ api }) => {
    const owner = await signup(api);
    const email = uniqueEmail('look');
    const inv = await invite(api, owner.cookie, owner.org.slug, { email, role: 'distribution_manager' });
    const res = await api.get<PublicInvitation>(`/api/v1/invitations/${inv.secret}`);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({
      org: { slug: owner.org.slug, name: owner.org.name },
      email,
      role: 'distribution_manager',
      expiresAt: inv.expiresAt,
      existingUser: false,
    });

    // existingUser: true when an account with the address exists
    const someone = await signup(api);
    const inv2 = await invite(api, owner.cookie, owner.org.slug, { email: someone.email, role: 'member' });
    const res2 = await api.get<PublicInvitation>(`/api/v1/invitations/${inv2.secret}`);
    expect(res2.json.existingUser).toBe(true);
    // looking up does not use it up
    expect((await api.get(`/api/v1/invitations/${inv2.secret}`)).status).toBe(200);
  });

  test('malformed, unknown and tampered secrets are 404', async ({ api }) => {
    const owner = await signup(api);
    const inv = await invite(api, owner.cookie, owner.org.slug, { email: uniqueEmail(), role: 'member' });
    const flipped = inv.secret.slice(0, 10) + (inv.secret[10] === 'a' ? 'b' : 'a') + inv.secret.slice(11);
    const bad = [
      'tgi_abc',
      wellFormedUnknownSecret('i'),
      inv.secret.replace(/^tgi_/, 'tgp_'),
      inv.secret.replace(/^tgi_/, 'tge_'),
      flipped,
      inv.secret.slice(0, -1),
      `${inv.secret}x`,
      inv.secret.toLowerCase(),
      'x'.repeat(50),
      'tgi_' + '0'.repeat(38),
    ];
    for (const s of bad) {
      expectError(await api.get(`/api/v1/invitations/${s}`), 404, 'not_found', `lookup ${s}`);
      expectError(await accept(api, s, { name: 'X', password: PASSWORD }), 404, 'not_found', `accept ${s}`);
    }
    // the genuine one still works after all that
    expect((await api.get(`/api/v1/invitations/${inv.secret}`)).status).toBe(200);
  });

  test('a new user accepts with name and password: 200, account, membership, session', async ({ api }) => {
    const owner = await signup(api);
    const email = uniqueEmail('newbie');
    const inv = await invite(api, owner.cookie, owner.org.slug, { email: email.toUpperCase(), role: 'admin' });

    const missing = await accept(api, inv.secret, {});
    expectError(missing, 400, 'invalid_request', 'no name, no password');
    expect(detailPaths(missing).sort()).toEqual(['name', 'password']);
    const noPassword = await accept(api, inv.secret, { name: 'Only Name' });
    expectError(noPassword, 400, 'invalid_request');
    expect(detailPaths(noPassword)).toEqual(['password']);
    const noName = await accept(api, inv.secret, { password: PASSWORD });
    expectError(noName, 400, 'invalid_request');
    expect(detailPaths(noName)).toEqual(['name']);
    const shortPassword = await accept(api, inv.secret, { name: 'Short', password: 'elevenchars' });
    expectError(shortPassword, 400, 'invalid_request');
    expect(detailPaths(shortPassword)).toEqual(['password']);
    // none of those used the invitation up
    expect((await api.get(`/api/v1/invitations/${inv.secret}`)).status).toBe(200);

    const res = await accept(api, inv.secret, { name: 'New Bie', password: PASSWORD });
    expect(res.status, res.text).toBe(200);
    expect(res.json.user).toEqual({ id: expect.any(String), email, name: 'New Bie' });
    expect(res.json.org).toEqual({ slug: owner.org.slug, name: owner.org.name, role: 'admin' });
    expect(res.cookie).toContain('next-auth.session-token=');
    expect(res.text).not.toContain(PASSWORD);

    const me = await whoami(api, res.cookie);
    expect(me.status).toBe(200);
    expect(me.json.orgs).toEqual([{ slug: owner.org.slug, name: owner.org.name, role: 'admin' }]);
    // the role is real: an admin edits settings
    expect((await api.patch(`/api/v1/orgs/${owner.org.slug}`, { name: 'Edited by invitee' }, { cookie: res.cookie })).status).toBe(200);
    // and the password is real
    await signIn(api, email, PASSWORD);

    // single use
    expectError(await accept(api, inv.secret, { name: 'Again', password: PASSWORD }), 404, 'not_found', 'second accept');
    expectError(await accept(api, inv.secret, {}, res.cookie), 404, 'not_found', 'second accept, signed in');
    expectError(await api.get(`/api/v1/invitations/${inv.secret}`), 404, 'not_found', 'lookup after use');
    const list = await api.get<Page<Invitation>>(`/api/v1/orgs/${owner.org.slug}/invitations`, { cookie: owner.cookie });
    expect(list.json.items).toEqual([]);
  });

  test('an existing account: 401 without a session, 403 with another user, 200 as the invitee', async ({ api }) => {
    const owner = await signup(api);
    const invitee = await signup(api);
    const someoneElse = await signup(api);
    const inv = await invite(api, owner.cookie, owner.org.slug, { email: invitee.email, role: 'member' });

    expectError(await accept(api, inv.secret, {}), 401, 'unauthenticated', 'no session');
    // not even with a name and password (that would create a second account for the address)
    expectError(await accept(api, inv.secret, { name: 'Impostor', password: PASSWORD }), 401, 'unauthenticated', 'no session, with a password');
    expectError(await accept(api, inv.secret, {}, someoneElse.cookie), 403, 'forbidden', 'session of another user');
    expectError(await accept(api, inv.secret, {}, owner.cookie), 403, 'forbidden', 'session of the inviter');
    // still pending after all refusals
    expect((await api.get(`/api/v1/invitations/${inv.secret}`)).status).toBe(200);

    const res = await accept(api, inv.secret, {}, invitee.cookie);
    expect(res.status, res.text).toBe(200);
    expect(res.json.user).toMatchObject({ id: invitee.user.id, email: invitee.email });
    expect(res.json.org).toEqual({ slug: owner.org.slug, name: owner.org.name, role: 'member' });

    const me = await whoami(api, invitee.cookie);
    expect(me.json.orgs).toEqual(
      expect.arrayContaining([
        { slug: invitee.org.slug, name: invitee.org.name, role: 'owner' },
        { slug: owner.org.slug, name: owner.org.name, role: 'member' },
      ]),
    );
    // the original password was not touched
    await signIn(api, invitee.email, invitee.password);
    expectError(await accept(api, inv.secret, {}, invitee.cookie), 404, 'not_found', 'second accept');

    const members = await api.get<Page<{ userId: string; role: string }>>(`/api/v1/orgs/${owner.org.slug}/members`, { cookie: owner.cookie });
    expect(members.json.items.map((m) => [m.userId, m.role])).toContainEqual([invitee.user.id, 'member']);
    expect(members.json.items).toHaveLength(2);
  });

  test('a signed-in new address: 403 for someone else\'s session even when the address has no account', async ({ api }) => {
    const owner = await signup(api);
    const other = await signup(api);
    const inv = await invite(api, owner.cookie, owner.org.slug, { email: uniqueEmail('fresh'), role: 'member' });
    expectError(await accept(api, inv.secret, { name: 'Someone', password: PASSWORD }, other.cookie), 403, 'forbidden');
    expect((await api.get(`/api/v1/invitations/${inv.secret}`)).status).toBe(200);
  });

  test('concurrent accepts of one invitation: exactly one succeeds', async ({ api }) => {
    const owner = await signup(api);
    const inv = await invite(api, owner.cookie, owner.org.slug, { email: uniqueEmail('race'), role: 'member' });
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => accept(api, inv.secret, { name: `Racer ${i}`, password: PASSWORD })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200), `statuses ${statuses.join(',')}`).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.status, r.text).toBeGreaterThanOrEqual(400);
      expect(r.status, r.text).toBeLessThan(500);
    }
    const members = await api.get<Page<unknown>>(`/api/v1/orgs/${owner.org.slug}/members`, { cookie: owner.cookie });
    expect(members.json.items).toHaveLength(2);
  });
});

test.describe('expiry', () => {
  test('an expired invitation is 404 to look up, accept and revoke, and is not listed', async ({ api, server }) => {
    const owner = await signup(api);
    const slug = owner.org.slug;
    const inv = await invite(api, owner.cookie, slug, { email: uniqueEmail('expired'), role: 'member' });
    const fresh = await invite(api, owner.cookie, slug, { email: uniqueEmail('fresh'), role: 'member' });
    expect((await api.get(`/api/v1/invitations/${inv.secret}`)).status).toBe(200);

    await expireInvitation(server, inv.id);

    expectError(await api.get(`/api/v1/invitations/${inv.secret}`), 404, 'not_found', 'lookup expired');
    expectError(await accept(api, inv.secret, { name: 'Late', password: PASSWORD }), 404, 'not_found', 'accept expired');
    const list = await api.get<Page<Invitation>>(`/api/v1/orgs/${slug}/invitations`, { cookie: owner.cookie });
    expect(list.json.items.map((i) => i.id)).toEqual([fresh.id]);
    expectError(await api.delete(`/api/v1/orgs/${slug}/invitations/${inv.id}`, { cookie: owner.cookie }), 404, 'not_found', 'revoke expired');

    // nobody was added
    const members = await api.get<Page<unknown>>(`/api/v1/orgs/${slug}/members`, { cookie: owner.cookie });
    expect(members.json.items).toHaveLength(1);
    // an expired invitation for an address does not block a new one
    const again = await invite(api, owner.cookie, slug, { email: inv.email, role: 'member' });
    expect((await accept(api, again.secret, { name: 'On Time', password: PASSWORD })).status).toBe(200);
  });

  test('an expired invitation cannot be accepted by a signed-in invitee either', async ({ api, server }) => {
    const owner = await signup(api);
    const invitee = await signup(api);
    const inv = await invite(api, owner.cookie, owner.org.slug, { email: invitee.email, role: 'admin' });
    await expireInvitation(server, inv.id);
    expectError(await accept(api, inv.secret, {}, invitee.cookie), 404, 'not_found');
    const me = await whoami(api, invitee.cookie);
    expect(me.json.orgs.map((o) => o.slug)).toEqual([invitee.org.slug]);
  });
});

test('the accept link is built on PUBLIC_URL', async () => {
  test.setTimeout(120_000); // starts its own server
  const publicUrl = 'https://packages.example.test';
  const server = await startServer({ env: { PUBLIC_URL: publicUrl } });
  try {
    const api = createApi(server.url);
    const owner = await signup(api);
    const inv = await invite(api, owner.cookie, owner.org.slug, { email: uniqueEmail('public'), role: 'member' });
    expect(inv.acceptUrl).toMatch(/^https:\/\/packages\.example\.test\/invite\/tgi_[0-9A-Za-z]{38}$/);
    expect(inv.acceptUrl).not.toContain(server.url);
    // the link's secret works against the server itself
    const look = await api.get<PublicInvitation>(`/api/v1/invitations/${inv.secret}`);
    expect(look.status, look.text).toBe(200);
    expect(look.json.org.slug).toBe(owner.org.slug);
  } finally {
    await server.stop();
  }
});

// ── e-mail ──────────────────────────────────────────────────────────────────────────────

type Captured = { from: string; to: string[]; raw: string };

function decodeBody(raw: string): string {
  // Decode every part as quoted-printable or base64 when its headers say so, keep the rest.
  const sections = raw.split(/\r?\n\r?\n/);
  const out: string[] = [raw];
  let encoding = '';
  for (const section of sections) {
    const m = /content-transfer-encoding:\s*([\w-]+)/i.exec(section);
    if (m) {
      encoding = m[1]!.toLowerCase();
      continue;
    }
    if (encoding === 'quoted-printable') {
      out.push(
        section
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
      );
    } else if (encoding === 'base64') {
      out.push(Buffer.from(section.replace(/\s+/g, ''), 'base64').toString('utf8'));
    }
  }
  return out.join('\n');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

test.describe('e-mail (SMTP_URL)', () => {
  test('creating an invitation e-mails the accept link to the invitee', async () => {
    test.setTimeout(120_000);
    const messages: Captured[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    const port = await freePort();
    await new Promise<void>((resolve, reject) => {
      smtp.once('error', reject);
      smtp.listen(port, '127.0.0.1', () => resolve());
    });
    const server = await startServer({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    try {
      const api = createApi(server.url);
      const owner = await signup(api);
      const email = uniqueEmail('mailed');
      const res = await api.post<Invitation>(`/api/v1/orgs/${owner.org.slug}/invitations`, { email, role: 'member' }, { cookie: owner.cookie });
      expect(res.status, res.text).toBe(201);
      expect(res.json.emailed).toBe(true);
      expect(res.json.acceptUrl.startsWith(`${server.url}/invite/tgi_`)).toBe(true);

      await expect.poll(() => messages.length, { timeout: 15_000 }).toBeGreaterThan(0);
      expect(messages).toHaveLength(1);
      const msg = messages[0]!;
      expect(msg.to).toEqual([email]);
      expect(msg.raw).toMatch(new RegExp(`^To:.*${email.replace(/[.+]/g, '\\$&')}`, 'im'));
      expect(decodeBody(msg.raw)).toContain(res.json.acceptUrl);
      // the secret travels only in the link of that one message
      const secret = res.json.acceptUrl.split('/').pop()!;
      expect(decodeBody(msg.raw).split(secret).length - 1).toBeGreaterThanOrEqual(1);

      // the e-mailed link works
      const accepted = await accept(api, secret, { name: 'Mailed Person', password: PASSWORD });
      expect(accepted.status, accepted.text).toBe(200);

      // a second invitation, a second message to its own address
      const email2 = uniqueEmail('mailed2');
      const res2 = await api.post<Invitation>(`/api/v1/orgs/${owner.org.slug}/invitations`, { email: email2, role: 'admin' }, { cookie: owner.cookie });
      expect(res2.status).toBe(201);
      expect(res2.json.emailed).toBe(true);
      await expect.poll(() => messages.length, { timeout: 15_000 }).toBe(2);
      expect(messages[1]!.to).toEqual([email2]);
      expect(decodeBody(messages[1]!.raw)).toContain(res2.json.acceptUrl);
      expect(decodeBody(messages[1]!.raw)).not.toContain(res.json.acceptUrl);
    } finally {
      await server.stop();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
