import { SignOutButton } from '@/components/auth/sign-out-button';
import { Avatar } from '@/components/ui/avatar';

/** The signed-in user in a top bar: name, e-mail and "Sign out". */
export function UserMenuBar({ user }: { user: { name: string; email: string } }) {
  return (
    <div className="flex min-w-0 items-center gap-3">
      <Avatar name={user.name || user.email} size="sm" decorative />
      <div className="hidden min-w-0 text-right sm:block">
        <p className="truncate text-sm leading-5 font-medium text-fg">{user.name}</p>
        <p className="truncate text-xs text-fg-muted">{user.email}</p>
      </div>
      <SignOutButton size="sm" variant="secondary" />
    </div>
  );
}
