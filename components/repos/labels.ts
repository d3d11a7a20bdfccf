// Repository formats, visibilities and repository roles as the console names
// and explains them (docs/permissions.md "The domain in one paragraph" and "Roles and permissions").
// Plain data, no 'use client': server components (the repository header) read it too.
import type { RepoRole, RepositoryVisibility } from '@/lib/authz/scopes';
import type { RepositoryFormat } from '@/lib/repos/schema';
import type { BadgeVariant } from '@/components/ui/badge';

export const FORMAT_OPTIONS: Record<RepositoryFormat, { label: string; description: string }> = {
  raw: { label: 'Raw', description: 'Any file at any path: archives, installers, binaries. Upload and download with curl.' },
  pypi: { label: 'PyPI', description: 'Python packages: a simple index for pip, uploads with twine.' },
  npm: { label: 'npm', description: 'JavaScript packages: a registry for npm, pnpm and yarn, with npm publish.' },
  conda: { label: 'conda', description: 'A conda channel with repodata.json per platform subdirectory.' },
};

export const formatLabel = (format: string): string =>
  Object.hasOwn(FORMAT_OPTIONS, format) ? FORMAT_OPTIONS[format as RepositoryFormat].label : format;

export const VISIBILITY_OPTIONS: Record<RepositoryVisibility, { label: string; description: string; badge: BadgeVariant }> = {
  public: {
    label: 'Public',
    description: 'Anyone can view and download, without signing in. Uploads still need credentials.',
    badge: 'warning',
  },
  private: {
    label: 'Private',
    description: 'Only members with a role on the repository, and their tokens, can see and download.',
    badge: 'neutral',
  },
  distribution: {
    label: 'Distribution',
    description: 'Like private, and also readable with the entitlement tokens you issue to customers.',
    badge: 'brand',
  },
};

export const visibilityLabel = (visibility: string): string =>
  Object.hasOwn(VISIBILITY_OPTIONS, visibility) ? VISIBILITY_OPTIONS[visibility as RepositoryVisibility].label : visibility;

export const REPO_ROLE_OPTIONS: Record<RepoRole, { label: string; description: string }> = {
  reader: { label: 'Reader', description: 'Views the repository, lists and downloads its files.' },
  uploader: {
    label: 'Uploader',
    description: 'Uploads files and nothing else: an uploader cannot list or download (for CI jobs that publish).',
  },
  developer: { label: 'Developer', description: 'Reader and uploader together, plus yanking and editing package metadata.' },
  admin: { label: 'Admin', description: 'Everything: settings, visibility, deleting files and the repository, and these roles.' },
};

export const repoRoleLabel = (role: string): string =>
  Object.hasOwn(REPO_ROLE_OPTIONS, role) ? REPO_ROLE_OPTIONS[role as RepoRole].label : role;

/** The tool URLs of `urls` (lib/repos/urls.ts), named for people. */
export const URL_LABELS: Record<string, { label: string; hint: string }> = {
  raw: { label: 'Raw files URL', hint: 'Append a file path; GET downloads, PUT uploads.' },
  index: { label: 'Index URL', hint: 'pip install --index-url (PEP 503 simple index).' },
  upload: { label: 'Upload URL', hint: 'twine upload --repository-url.' },
  registry: { label: 'Registry URL', hint: 'npm --registry, and the _authToken scope.' },
  channel: { label: 'Channel URL', hint: 'conda config --add channels.' },
};
