import { z } from 'zod';
import { operation } from '@/lib/http/operation';
import { pageQuery, pageSchema } from '@/lib/http/pagination';
import { orgParams } from '@/lib/orgs/schema';
import { createRepoInput, fileView, uploadView, repoFileParams, repoMemberParams, repoMemberView, repoParams, repoView, setRepoRoleInput, updateRepoInput } from './schema';

export const listReposOp = operation({
  id: 'listRepos', method: 'GET', path: '/api/v1/orgs/{org}/repos', tag: 'Repositories', auth: 'required',
  summary: 'Repositories of an organization the caller can see.', params: orgParams, query: pageQuery, response: pageSchema(repoView),
});
export const createRepoOp = operation({
  id: 'createRepo', method: 'POST', path: '/api/v1/orgs/{org}/repos', tag: 'Repositories', auth: 'required', status: 201,
  summary: 'Create a repository (visibility defaults to the organization setting). The creator administers it.',
  params: orgParams, body: createRepoInput, response: repoView,
});
export const getRepoOp = operation({
  id: 'getRepo', method: 'GET', path: '/api/v1/orgs/{org}/repos/{repo}', tag: 'Repositories', auth: 'required',
  summary: 'A repository, its tool URLs and the caller\'s permissions on it.', params: repoParams, response: repoView,
});
export const updateRepoOp = operation({
  id: 'updateRepo', method: 'PATCH', path: '/api/v1/orgs/{org}/repos/{repo}', tag: 'Repositories', auth: 'required',
  summary: 'Change visibility or description.', params: repoParams, body: updateRepoInput, response: repoView,
});
export const deleteRepoOp = operation({
  id: 'deleteRepo', method: 'DELETE', path: '/api/v1/orgs/{org}/repos/{repo}', tag: 'Repositories', auth: 'required', status: 204,
  summary: 'Delete a repository, its files and every token grant on it.', params: repoParams, response: z.null(),
});
export const listRepoMembersOp = operation({
  id: 'listRepoMembers', method: 'GET', path: '/api/v1/orgs/{org}/repos/{repo}/members', tag: 'Repositories', auth: 'required',
  summary: 'Users with a role on the repository.', params: repoParams, query: pageQuery, response: pageSchema(repoMemberView),
});
export const setRepoRoleOp = operation({
  id: 'setRepoRole', method: 'PUT', path: '/api/v1/orgs/{org}/repos/{repo}/members/{userId}', tag: 'Repositories', auth: 'required',
  summary: 'Give an organization member a repository role.', params: repoMemberParams, body: setRepoRoleInput, response: repoMemberView,
});
export const removeRepoRoleOp = operation({
  id: 'removeRepoRole', method: 'DELETE', path: '/api/v1/orgs/{org}/repos/{repo}/members/{userId}', tag: 'Repositories', auth: 'required', status: 204,
  summary: 'Take a repository role away.', params: repoMemberParams, response: z.null(),
});
export const listFilesOp = operation({
  id: 'listFiles', method: 'GET', path: '/api/v1/orgs/{org}/repos/{repo}/files', tag: 'Repositories', auth: 'required',
  summary: 'Files of a repository (path relative to the format\'s download root).', params: repoParams, query: pageQuery, response: pageSchema(fileView),
});
export const uploadFileOp = operation({
  id: 'uploadFile', method: 'PUT', path: '/api/v1/orgs/{org}/repos/{repo}/files/{path}', tag: 'Repositories', auth: 'required', status: 201,
  summary: 'Upload a file (the console\'s upload). Package formats read name and version from the file: a wheel or sdist '
    + '(pypi), an npm pack tarball (npm), a .tar.bz2 or .conda with `{subdir}/` or the subdir of its index.json (conda). '
    + '400 malformed or misnamed, 409 exists, 413 too large.',
  params: repoFileParams,
  binaryBody: { contentType: 'application/octet-stream', description: 'The file\'s bytes; Content-Length is checked against the size limit before anything is read.' },
  response: uploadView,
});
export const deleteFileOp = operation({
  id: 'deleteFile', method: 'DELETE', path: '/api/v1/orgs/{org}/repos/{repo}/files/{path}', tag: 'Repositories', auth: 'required', status: 204,
  summary: 'Delete a file.', params: repoFileParams, response: z.null(),
});
