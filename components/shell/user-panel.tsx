import { SignOutButton } from '@/components/auth/sign-out-button';
import { Avatar } from '@/components/ui/avatar';

/** Who is signed in, and the way out. */
export function UserPanel({ user }: { user: { name: string; email: string } }) {
  return (
    <div className="space-y-2">
      <div className="flex min-w-0 items-center gap-2.5 px-1">
        <Avatar name={user.name || user.email} size="md" decorative />
        <div className="min-w-0">
          <p className="truncate text-sm font-medium text-fg" title={user.name}>
            {user.name}
          </p>
          <p className="truncate text-xs text-fg-muted" title={user.email}>
            {user.email}
          </p>
        </div>
      </div>
      <SignOutButton variant="ghost" size="sm" className="w-full justify-start" />
    </div>
  );
}
