'use client';

import { useId } from 'react';
import { Badge } from '@/components/ui/badge';
import { Field } from '@/components/ui/field';
import { AlertIcon } from '@/components/ui/icons';
import { SecretField } from '@/components/ui/secret-field';
import { grantSummary, type CreatedToken } from './model';
import { formatDate, useNow } from '@/components/ui/time';
import { UsageSnippets } from './usage-snippets';

export type TokenRevealProps = {
  org: string;
  /** The token and its secret, straight from the create or reissue answer. Never stored elsewhere. */
  created: CreatedToken;
  publicUrl?: string;
};

/**
 * The one-time reveal: the secret with a copy button, the warning that it is
 * shown only now, and ready-to-paste commands. It lives in component state
 * only: leaving or reloading the page loses it for good, by design.
 */
export function TokenReveal({ org, created, publicUrl }: TokenRevealProps) {
  const id = useId();
  const now = useNow();
  const { token, secret } = created;

  return (
    <div className="space-y-5">
      <p
        role="note"
        className="flex items-start gap-2 rounded-md border border-warning-200 bg-warning-50 px-3 py-2.5 text-sm text-warning-800"
      >
        <AlertIcon className="mt-0.5 text-warning-600" />
        <span>
          <strong className="font-semibold">Copy it now: it will not be shown again.</strong> Tollgate keeps only a hash
          of the token. If you lose it, reissue the token to get a new one.
        </span>
      </p>

      <Field htmlFor={`${id}-token`} label="Token" hint={`Starts with ${token.prefix} and ends with ${token.lastFour}.`}>
        {(control) => (
          <SecretField
            {...control}
            value={secret}
            secretName="token"
            name="token"
            // Dialogs and the wizard move focus here: copying it is the one thing to do now.
            data-autofocus=""
          />
        )}
      </Field>

      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1.5 rounded-md border border-border px-4 py-3 text-sm">
        <dt className="text-fg-muted">Name</dt>
        <dd className="min-w-0 truncate font-medium text-fg">{token.name}</dd>
        <dt className="text-fg-muted">Access</dt>
        <dd className="min-w-0 text-fg">
          <Badge variant={token.type === 'resource' ? 'brand' : 'neutral'} className="mr-2">
            {token.type === 'resource' ? 'Resource' : 'Scope'}
          </Badge>
          {grantSummary(token)}
        </dd>
        <dt className="text-fg-muted">Expires</dt>
        <dd className="text-fg">
          {token.expiresAt ? (
            <time dateTime={token.expiresAt}>{now === null ? token.expiresAt.slice(0, 10) : formatDate(token.expiresAt)}</time>
          ) : (
            <Badge variant="warning">Never</Badge>
          )}
        </dd>
      </dl>

      <UsageSnippets org={org} secret={secret} token={token} publicUrl={publicUrl} />
    </div>
  );
}
