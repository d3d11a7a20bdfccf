import { z } from 'zod';
import { operation } from '@/lib/http/operation';
import { createTokenInput, listTokensQuery, scopeListView, tokenParams, tokenView, updateTokenInput } from './schema';

export const listScopesOp = operation({
  id: 'listScopes', method: 'GET', path: '/api/v1/scopes', tag: 'Tokens', auth: 'none',
  summary: 'Every permission scope: level and what it applies to.', response: scopeListView,
});
export const listTokensOp = operation({
  id: 'listTokens', method: 'GET', path: '/api/v1/tokens', tag: 'Tokens', auth: 'required',
  summary: 'The caller\'s personal access tokens, filtered by status.', query: listTokensQuery,
  response: z.object({ items: z.array(tokenView), nextCursor: z.string().nullable() }),
});
export const createTokenOp = operation({
  id: 'createToken', method: 'POST', path: '/api/v1/tokens', tag: 'Tokens', auth: 'required', status: 201,
  summary: 'Create a resource or scope token (needs a session). The secret is in this response only. Without expiresIn/expiresAt the token never expires.',
  body: createTokenInput, response: z.object({ token: tokenView, secret: z.string() }),
});
export const getTokenOp = operation({
  id: 'getToken', method: 'GET', path: '/api/v1/tokens/{id}', tag: 'Tokens', auth: 'required',
  summary: 'One of the caller\'s tokens.', params: tokenParams, response: z.object({ token: tokenView }),
});
export const updateTokenOp = operation({
  id: 'updateToken', method: 'PATCH', path: '/api/v1/tokens/{id}', tag: 'Tokens', auth: 'required',
  summary: 'Change name, description or expiry, or reissue (new secret, same id and grant; the old secret stops working at once).',
  params: tokenParams, body: updateTokenInput, response: z.object({ token: tokenView, secret: z.string().optional() }),
});
export const revokeTokenOp = operation({
  id: 'revokeToken', method: 'POST', path: '/api/v1/tokens/{id}/revoke', tag: 'Tokens', auth: 'required',
  summary: 'Revoke a token (permanent; it stays listed as revoked).', params: tokenParams, response: z.object({ token: tokenView }),
});
export const deleteTokenOp = operation({
  id: 'deleteToken', method: 'DELETE', path: '/api/v1/tokens/{id}', tag: 'Tokens', auth: 'required', status: 204,
  summary: 'Delete a token from the list (it stops working).', params: tokenParams, response: z.null(),
});
