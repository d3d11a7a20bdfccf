import { z } from 'zod';
import { operation } from '@/lib/http/operation';
import { currentUser, orgRoleSummary, signInInput, signupInput, userSummary } from './schema';

export const signupOp = operation({
  id: 'signup', method: 'POST', path: '/api/v1/signup', tag: 'Accounts', auth: 'none', status: 201,
  summary: 'Create a user and their first organization; signs the user in (session cookie).',
  body: signupInput, response: z.object({ user: userSummary, org: orgRoleSummary }),
});
export const signInOp = operation({
  id: 'createSession', method: 'POST', path: '/api/v1/session', tag: 'Accounts', auth: 'none',
  summary: 'Sign in with e-mail and password (JSON twin of the browser sign-in); sets the session cookie.',
  body: signInInput, response: z.object({ user: userSummary }),
});
export const signOutOp = operation({
  id: 'deleteSession', method: 'DELETE', path: '/api/v1/session', tag: 'Accounts', auth: 'optional', status: 204,
  summary: 'Sign out: ends the current session.',
});
export const currentUserOp = operation({
  id: 'getUser', method: 'GET', path: '/api/v1/user', tag: 'Accounts', auth: 'required',
  summary: 'The signed-in user and their organizations.', response: currentUser,
});
export const healthOp = operation({
  id: 'health', method: 'GET', path: '/api/v1/health', tag: 'Server', auth: 'none',
  summary: 'Liveness: 200 once the database answers.', response: z.object({ status: z.literal('ok') }),
});

export const openApiOp = operation({
  id: 'openApi', method: 'GET', path: '/api/v1/openapi.json', tag: 'Server', auth: 'none',
  summary: 'This document: every operation of the management API, generated from the schemas that validate it.',
});
