import type { ReactNode } from 'react';
import { KeyIcon, ListIcon, PackageIcon, SettingsIcon, ShieldIcon, UsersIcon } from '@/components/ui/icons';

/** `permission`: shown only to those holding it (a key of the org context's `can`). */
export type NavItem = { segment: string; label: string; icon: ReactNode; permission?: 'viewEntitlements' };

/** The sections of an organization, in sidebar order: /{org}/{segment}. */
export const ORG_NAV: readonly NavItem[] = [
  { segment: 'repositories', label: 'Repositories', icon: <PackageIcon /> },
  { segment: 'members', label: 'Members', icon: <UsersIcon /> },
  { segment: 'tokens', label: 'Tokens', icon: <KeyIcon /> },
  { segment: 'entitlements', label: 'Entitlements', icon: <ShieldIcon />, permission: 'viewEntitlements' },
  { segment: 'audit', label: 'Audit', icon: <ListIcon /> },
  { segment: 'settings', label: 'Settings', icon: <SettingsIcon /> },
];
