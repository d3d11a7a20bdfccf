import { LinkTabs, type LinkTabItem } from '@/components/ui/tabs';

export type RepoTabsProps = {
  /** /{org}/repositories/{repo} */
  base: string;
  /** artifact:view on a package format (not raw) */
  showPackages: boolean;
  /** artifact:create or artifact:download */
  showSetup: boolean;
  /** repo.usage:view */
  showDownloads: boolean;
  /** repo.member:view */
  showAccess: boolean;
  /** repo:edit or repo:delete */
  showSettings: boolean;
};

/** Files · Packages · Set me up · Downloads · Access · Settings, as links (each tab is its own page). */
export function RepoTabs({ base, showPackages, showSetup, showDownloads, showAccess, showSettings }: RepoTabsProps) {
  const items: LinkTabItem[] = [{ href: base, label: 'Files', exact: true }];
  if (showPackages) items.push({ href: `${base}/packages`, label: 'Packages' });
  if (showSetup) items.push({ href: `${base}/setup`, label: 'Set me up' });
  if (showDownloads) items.push({ href: `${base}/downloads`, label: 'Downloads' });
  if (showAccess) items.push({ href: `${base}/access`, label: 'Access' });
  if (showSettings) items.push({ href: `${base}/settings`, label: 'Settings' });
  return <LinkTabs items={items} aria-label="Repository" />;
}
