// GET/HEAD of the simple index pages, from the index cache (index-cache.ts):
// one rendering per repository contentVersion (bumped by every upload and
// delete), page and form (HTML or JSON, by Accept). Pages are shared by every
// credential, so they hold nothing of the request: links are relative (PEP 503
// and PEP 691 allow it; pip resolves them against the page URL), which keeps a
// `/t/<token>/` prefix, and Basic credentials for the same host, on the file
// URLs without writing a token into a cached page. The ETag names the same
// thing as the cache key, so a client revalidating its copy costs no rendering.
import { cachedBody, pageTag, type CacheRepo } from '@/lib/formats/index-cache';
import { pageResponse } from '@/lib/formats/page-response';
import { notFound } from '@/lib/http/errors';
import type { NativeRequest, NativeResponse } from '@/lib/native/types';
import { projectFiles, projectNames } from './service';
import { pageType, renderProject, renderProjects, wantsJson } from './simple-index';

const enc = (s: string) => encodeURIComponent(s);

/** The project list, at /pypi/{org}/{repo}/simple/. The caller has checked artifact:view. */
export function projectsResponse(req: NativeRequest, repo: CacheRepo): Promise<NativeResponse> {
  const asJson = wantsJson(req.headers.accept);
  return respond(req, repo, `pypi:projects:${form(asJson)}`, asJson, async () =>
    renderProjects(await projectNames(repo.id, repo.filter), (n) => `${enc(n)}/`, asJson).body,
  );
}

/** One project's files, at /pypi/{org}/{repo}/simple/{name}/ (`name` normalized); 404 when it has none (never cached). */
export function projectResponse(req: NativeRequest, repo: CacheRepo, name: string): Promise<NativeResponse> {
  const asJson = wantsJson(req.headers.accept);
  return respond(req, repo, `pypi:project:${form(asJson)}:${name}`, asJson, async () => {
    const files = await projectFiles(repo.id, name, repo.filter);
    if (!files) throw notFound('No such project.');
    // from …/simple/{name}/ to …/files/{path}
    const links = files.map((f) => ({ ...f, url: `../../files/${f.path.split('/').map(enc).join('/')}` }));
    return renderProject(name, links, asJson).body;
  });
}

const form = (asJson: boolean) => (asJson ? 'json' : 'html');

async function respond(req: NativeRequest, repo: CacheRepo, key: string, asJson: boolean, render: () => Promise<string>): Promise<NativeResponse> {
  const tag = pageTag(repo, key);
  const headers = { 'content-type': pageType(asJson), 'cache-control': 'private, no-cache', vary: 'Accept' };
  return pageResponse(req, tag, headers, () => cachedBody(repo, key, render));
}
