'use client';

import { useState } from 'react';
import { Button, type ButtonProps } from '@/components/ui/button';
import { LogOutIcon } from '@/components/ui/icons';
import { signOutAndGo } from './sign-out';

export type SignOutButtonProps = Omit<ButtonProps, 'onClick' | 'loading' | 'children'> & {
  /** Where to go once signed out (default /signin). */
  redirectTo?: string;
  /** Visible text (also the accessible name). */
  label?: string;
  icon?: boolean;
};

export function SignOutButton({ redirectTo, label = 'Sign out', icon = true, variant = 'secondary', ...props }: SignOutButtonProps) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      type="button"
      variant={variant}
      {...props}
      loading={pending}
      onClick={async () => {
        setPending(true);
        await signOutAndGo(redirectTo);
      }}
    >
      {icon && !pending ? <LogOutIcon /> : null}
      {label}
    </Button>
  );
}
