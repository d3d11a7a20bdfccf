import { z } from 'zod';
import { orgRoleSummary, userSummary } from '@/lib/accounts/schema';
import { operation } from '@/lib/http/operation';
import { pageQuery, pageSchema } from '@/lib/http/pagination';
import { orgParams } from '@/lib/orgs/schema';
import { acceptInvitationInput, createInvitationInput, createdInvitation, invitationParams, invitationView, publicInvitation, secretParams } from './schema';

export const createInvitationOp = operation({
  id: 'createInvitation', method: 'POST', path: '/api/v1/orgs/{org}/invitations', tag: 'Invitations', auth: 'required', status: 201,
  summary: 'Invite an e-mail address with an org role and optional repository roles. The accept URL is returned once (and e-mailed when SMTP is configured).',
  params: orgParams, body: createInvitationInput, response: createdInvitation,
});
export const listInvitationsOp = operation({
  id: 'listInvitations', method: 'GET', path: '/api/v1/orgs/{org}/invitations', tag: 'Invitations', auth: 'required',
  summary: 'Pending invitations.', params: orgParams, query: pageQuery, response: pageSchema(invitationView),
});
export const revokeInvitationOp = operation({
  id: 'revokeInvitation', method: 'DELETE', path: '/api/v1/orgs/{org}/invitations/{id}', tag: 'Invitations', auth: 'required', status: 204,
  summary: 'Revoke a pending invitation.', params: invitationParams, response: z.null(),
});
export const lookupInvitationOp = operation({
  id: 'getInvitation', method: 'GET', path: '/api/v1/invitations/{secret}', tag: 'Invitations', auth: 'none',
  summary: 'What an invitation link offers. 404 when used, revoked or expired.', params: secretParams, response: publicInvitation,
});
export const acceptInvitationOp = operation({
  id: 'acceptInvitation', method: 'POST', path: '/api/v1/invitations/{secret}/accept', tag: 'Invitations', auth: 'optional',
  summary: 'Accept: `{name, password}` creates the invited user (signed in); a signed-in invitee sends an empty body.',
  params: secretParams, body: acceptInvitationInput, response: z.object({ user: userSummary, org: orgRoleSummary }),
});
