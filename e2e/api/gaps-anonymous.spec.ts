/**
 * Gap found from outside (issue 12): anonymous calls to the signed-URL, signing-key and audit routes
 * answer 401 `unauthenticated` like every other management route, whether or not the organization
 * or repository exists.
 */
import { test } from '../support/fixtures';
import { expectError, signup } from './helpers';
import { createRepo } from './pat-helpers';

test('signed-URL, signing-key and audit routes: 401 without a credential, 401 with a garbage one', async ({ api }) => {
  const owner = await signup(api);
  const org = owner.org.slug;
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'dist', visibility: 'public' });
  const calls: [string, string, unknown?][] = [];
  for (const o of [org, 'no-such-org']) {
    calls.push(['POST', `/api/v1/orgs/${o}/repos/dist/signed-urls`, { path: 'a.tgz' }]);
    calls.push(['POST', `/api/v1/orgs/${o}/repos/nothing/signed-urls`, { path: 'a.tgz' }]);
    calls.push(['POST', `/api/v1/orgs/${o}/signing-key/rotate`]);
    calls.push(['GET', `/api/v1/orgs/${o}/signing-key`]);
    calls.push(['GET', `/api/v1/orgs/${o}/audit`]);
    calls.push(['GET', `/api/v1/orgs/${o}/audit?format=csv`]);
  }
  for (const [method, path, body] of calls) {
    expectError(await api.request(method, path, body), 401, 'unauthenticated', `${method} ${path}`);
    expectError(await api.request(method, path, body, { token: 'tgp_garbage' }), 401, 'unauthenticated', `${method} ${path} with garbage`);
  }
});
