import { LinkTabs, type LinkTabItem } from '@/components/ui/tabs';

export type RepoTabsProps = {
  /** /{org}/repositories/{repo} */
  base: string;
  /** repo.member:view */
  showAccess: boolean;
  /** repo:edit or repo:delete */
  showSettings: boolean;
};

/** Files · Access · Settings, as links (each tab is its own page). */
export function RepoTabs({ base, showAccess, showSettings }: RepoTabsProps) {
  const items: LinkTabItem[] = [{ href: base, label: 'Files', exact: true }];
  if (showAccess) items.push({ href: `${base}/access`, label: 'Access' });
  if (showSettings) items.push({ href: `${base}/settings`, label: 'Settings' });
  return <LinkTabs items={items} aria-label="Repository" />;
}
