import { operation } from '@/lib/http/operation';
import { pageQuery, pageSchema } from '@/lib/http/pagination';
import { repoParams } from '@/lib/repos/schema';
import { downloadView } from './schema';

export const listDownloadsOp = operation({
  id: 'listRepoDownloads', method: 'GET', path: '/api/v1/orgs/{org}/repos/{repo}/downloads', tag: 'Usage', auth: 'required',
  summary: 'The download log of a repository, newest first (artifact downloads only, not index pages). Needs repo.usage:view.',
  params: repoParams, query: pageQuery, response: pageSchema(downloadView),
});
