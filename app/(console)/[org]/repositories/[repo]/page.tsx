import type { Metadata } from 'next';
import { FilesView } from '@/components/repos/files-view';
import { UploadButton } from '@/components/repos/upload-button';
import { repoParam, requireRepoContext } from './repo-context';

type Params = Promise<{ org: string; repo: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { repo } = await params;
  return { title: repoParam(repo) };
}

export default async function RepoFilesPage({ params }: { params: Params }) {
  const { org, repo: raw } = await params;
  const name = repoParam(raw);
  const { org: o, repo } = await requireRepoContext(org, name, `/${org}/repositories/${encodeURIComponent(name)}`);
  const can = new Set(repo.permissions);
  return (
    <>
      {can.has('artifact:create') ? (
        <div className="mb-4 flex justify-end">
          <UploadButton orgSlug={o.slug} repo={{ name: repo.name, format: repo.format }} />
        </div>
      ) : null}
      <FilesView
      orgSlug={o.slug}
      repo={{ name: repo.name, format: repo.format, urls: repo.urls }}
      canView={can.has('artifact:view')}
      canUpload={can.has('artifact:create')}
      canDownload={can.has('artifact:download')}
      canDelete={can.has('artifact:delete')}
      />
    </>
  );
}
