import type { ComponentPropsWithRef, ReactNode } from 'react';
import { cn } from './cn';

export type IconProps = Omit<ComponentPropsWithRef<'svg'>, 'children'> & {
  /** Accessible name. Without it the icon is decorative (aria-hidden). */
  title?: string;
};

function createIcon(name: string, paths: ReactNode) {
  function Icon({ title, className, ...props }: IconProps) {
    return (
      <svg
        xmlns="http://www.w3.org/2000/svg"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.75}
        strokeLinecap="round"
        strokeLinejoin="round"
        className={cn('size-4 shrink-0', className)}
        aria-hidden={title ? undefined : true}
        role={title ? 'img' : undefined}
        focusable="false"
        {...props}
      >
        {title ? <title>{title}</title> : null}
        {paths}
      </svg>
    );
  }
  Icon.displayName = name;
  return Icon;
}

export const PackageIcon = createIcon(
  'PackageIcon',
  <>
    <path d="M21 7.5 12 3 3 7.5v9L12 21l9-4.5z" />
    <path d="M3 7.5 12 12l9-4.5M12 12v9M7.5 5.25l9 4.5" />
  </>,
);

export const KeyIcon = createIcon(
  'KeyIcon',
  <>
    <circle cx="7.5" cy="15.5" r="4.5" />
    <path d="M10.7 12.3 20.5 2.5M16 7l3 3M18.5 4.5l2 2" />
  </>,
);

export const UsersIcon = createIcon(
  'UsersIcon',
  <>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M2.5 20a6.5 6.5 0 0 1 13 0M16 4.6a3.5 3.5 0 0 1 0 6.8M18 14a6.5 6.5 0 0 1 3.5 6" />
  </>,
);

export const ShieldIcon = createIcon(
  'ShieldIcon',
  <path d="M12 3 4 6v6c0 4.5 3.4 8.2 8 9 4.6-.8 8-4.5 8-9V6z" />,
);

export const SettingsIcon = createIcon(
  'SettingsIcon',
  <>
    <path d="M19.06 10.6 21.44 10.98 21.44 13.02 19.06 13.4A7.2 7.2 0 0 1 17.99 16L19.4 17.95 17.95 19.4 16 17.99A7.2 7.2 0 0 1 13.4 19.06L13.02 21.44 10.98 21.44 10.6 19.06A7.2 7.2 0 0 1 8 17.99L6.05 19.4 4.6 17.95 6.01 16A7.2 7.2 0 0 1 4.94 13.4L2.56 13.02 2.56 10.98 4.94 10.6A7.2 7.2 0 0 1 6.01 8L4.6 6.05 6.05 4.6 8 6.01A7.2 7.2 0 0 1 10.6 4.94L10.98 2.56 13.02 2.56 13.4 4.94A7.2 7.2 0 0 1 16 6.01L17.95 4.6 19.4 6.05 17.99 8A7.2 7.2 0 0 1 19.06 10.6Z" />
    <circle cx="12" cy="12" r="3" />
  </>,
);

export const ListIcon = createIcon(
  'ListIcon',
  <path d="M8 6h13M8 12h13M8 18h13M3.5 6h.01M3.5 12h.01M3.5 18h.01" />,
);

export const ChevronDownIcon = createIcon('ChevronDownIcon', <path d="m6 9 6 6 6-6" />);

export const ChevronRightIcon = createIcon('ChevronRightIcon', <path d="m9 6 6 6-6 6" />);

export const CheckIcon = createIcon('CheckIcon', <path d="M20 6 9 17l-5-5" />);

export const CopyIcon = createIcon(
  'CopyIcon',
  <>
    <rect x="9" y="9" width="12" height="12" rx="2" />
    <path d="M5 15H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v1" />
  </>,
);

export const PlusIcon = createIcon('PlusIcon', <path d="M12 5v14M5 12h14" />);

export const TrashIcon = createIcon(
  'TrashIcon',
  <path d="M3 6h18M8 6V4a1 1 0 0 1 1-1h6a1 1 0 0 1 1 1v2M19 6l-1 14a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2L5 6M10 11v6M14 11v6" />,
);

export const XIcon = createIcon('XIcon', <path d="M18 6 6 18M6 6l12 12" />);

export const AlertIcon = createIcon(
  'AlertIcon',
  <path d="M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0zM12 9v4M12 17h.01" />,
);

export const InfoIcon = createIcon(
  'InfoIcon',
  <>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 11v5M12 8h.01" />
  </>,
);

export const LogOutIcon = createIcon(
  'LogOutIcon',
  <path d="M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9" />,
);

export const BuildingIcon = createIcon(
  'BuildingIcon',
  <>
    <rect x="4" y="2" width="16" height="20" rx="2" />
    <path d="M9 6h.01M15 6h.01M9 10h.01M15 10h.01M9 14h.01M15 14h.01M10 22v-4h4v4" />
  </>,
);

export const MoreHorizontalIcon = createIcon(
  'MoreHorizontalIcon',
  <path d="M5 12h.01M12 12h.01M19 12h.01" strokeWidth={3} />,
);
