import { operation } from '@/lib/http/operation';
import { pageQuery, pageSchema } from '@/lib/http/pagination';
import { packageParams, packageQuery, packageView, versionView } from './schema';
import { repoParams } from '@/lib/repos/schema';

export const listPackagesOp = operation({
  id: 'listPackages', method: 'GET', path: '/api/v1/orgs/{org}/repos/{repo}/packages', tag: 'Packages', auth: 'required',
  summary: 'Packages of a repository (pypi, npm, conda), by name; `q` filters by name.', params: repoParams, query: packageQuery, response: pageSchema(packageView),
});
export const listVersionsOp = operation({
  id: 'listPackageVersions', method: 'GET', path: '/api/v1/orgs/{org}/repos/{repo}/packages/{name}/versions', tag: 'Packages', auth: 'required',
  summary: 'Versions of a package, newest first, with their files.', params: packageParams, query: pageQuery, response: pageSchema(versionView),
});
