import { z } from 'zod';
import { orgRoleSummary } from '@/lib/accounts/schema';
import { operation } from '@/lib/http/operation';
import { pageQuery, pageSchema } from '@/lib/http/pagination';
import { changeRoleInput, createOrgInput, memberParams, memberView, orgParams, orgView, updateOrgInput } from './schema';

export const createOrgOp = operation({
  id: 'createOrg', method: 'POST', path: '/api/v1/orgs', tag: 'Organizations', auth: 'required', status: 201,
  summary: 'Create another organization; the caller becomes its owner.', body: createOrgInput, response: orgRoleSummary,
});
export const getOrgOp = operation({
  id: 'getOrg', method: 'GET', path: '/api/v1/orgs/{org}', tag: 'Organizations', auth: 'required',
  summary: 'An organization, the caller\'s role in it and its settings.', params: orgParams, response: orgView,
});
export const updateOrgOp = operation({
  id: 'updateOrg', method: 'PATCH', path: '/api/v1/orgs/{org}', tag: 'Organizations', auth: 'required',
  summary: 'Rename an organization or change its settings.', params: orgParams, body: updateOrgInput, response: orgView,
});
export const listMembersOp = operation({
  id: 'listMembers', method: 'GET', path: '/api/v1/orgs/{org}/members', tag: 'Members', auth: 'required',
  summary: 'Members of an organization.', params: orgParams, query: pageQuery, response: pageSchema(memberView),
});
export const changeMemberRoleOp = operation({
  id: 'changeMemberRole', method: 'PATCH', path: '/api/v1/orgs/{org}/members/{userId}', tag: 'Members', auth: 'required',
  summary: 'Change a member\'s role. Only owners grant or remove the owner role; the last owner cannot be demoted.',
  params: memberParams, body: changeRoleInput, response: memberView,
});
export const removeMemberOp = operation({
  id: 'removeMember', method: 'DELETE', path: '/api/v1/orgs/{org}/members/{userId}', tag: 'Members', auth: 'required', status: 204,
  summary: 'Remove a member (or leave, for one\'s own id). Ends the removed user\'s sessions. The last owner cannot leave.',
  params: memberParams, response: z.null(),
});
