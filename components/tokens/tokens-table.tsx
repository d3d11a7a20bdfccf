'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { FormError } from '@/components/ui/form-error';
import { AlertIcon, CheckIcon, KeyIcon, PlusIcon } from '@/components/ui/icons';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { apiFetch, errorMessage } from '@/lib/http/client';
import { EditTokenDialog } from './edit-token-dialog';
import { expiryState, grantLines, grantSummary, type CreatedToken, type Token, type TokenStatus } from './model';
import { tokenPath, tokensKey, useTokens } from './queries';
import { formatDateTime, formatRelative, useNow } from '@/components/ui/time';
import { TokenReveal } from './token-reveal';

export type TokensTableProps = {
  org: string;
  status: TokenStatus;
  onCreate: () => void;
  publicUrl?: string;
};

const nameId = (id: string) => `token-${id}-name`;
const dangerGhost = 'text-danger-700! hover:bg-danger-50! hover:text-danger-800!';

/** A time: relative once the clock is known in the browser, the ISO date before (server render, hydration). */
function When({ at, now, prefix = '' }: { at: string; now: number | null; prefix?: string }) {
  return (
    <time dateTime={at} title={now === null ? at : formatDateTime(at)}>
      {prefix}
      {now === null ? at.slice(0, 10) : formatRelative(at, now)}
    </time>
  );
}

function Expiry({ token, now }: { token: Token; now: number | null }) {
  const state = expiryState(token, now ?? 0);
  switch (state.kind) {
    case 'never':
      return (
        <Badge variant="warning" title="This token never expires: revoke it when it is no longer needed.">
          <AlertIcon />
          Never
        </Badge>
      );
    case 'revoked':
      return (
        <Badge variant="danger">
          <When at={state.at} now={now} prefix="Revoked " />
        </Badge>
      );
    case 'expired':
      return (
        <span className="font-medium text-danger-700">
          <When at={state.at} now={now} prefix="Expired " />
        </span>
      );
    case 'soon':
      return (
        <Badge variant="warning">
          <When at={state.at} now={now} prefix="Expires " />
        </Badge>
      );
    case 'later':
      return (
        <span className="text-fg-muted">
          <When at={state.at} now={now} prefix="Expires " />
        </span>
      );
  }
}

const EMPTY: Record<TokenStatus, { title: string; description: string }> = {
  active: {
    title: 'No tokens yet',
    description:
      'A personal access token lets pip, npm, twine, conda, curl or a CI job act as you, limited to the repositories and permissions you choose.',
  },
  expired: { title: 'No expired tokens', description: 'Tokens whose expiry date has passed are listed here until you delete them.' },
  revoked: { title: 'No revoked tokens', description: 'Revoked tokens stay here for the record. Revocation is permanent.' },
};

/** One status tab of the tokens list, with Edit / Reissue / Revoke / Delete per row. */
export function TokensTable({ org, status, onCreate, publicUrl }: TokensTableProps) {
  const { toast } = useToast();
  const queryClient = useQueryClient();
  const tokens = useTokens(org, status);
  const now = useNow();
  const [editing, setEditing] = useState<Token | null>(null);
  const [reissuing, setReissuing] = useState<Token | null>(null);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const [deleting, setDeleting] = useState<Token | null>(null);
  // A reissued secret: component state only, gone when the dialog closes.
  const [revealed, setRevealed] = useState<CreatedToken | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: tokensKey });

  async function reissue(token: Token) {
    try {
      const result = await apiFetch<{ token: Token; secret?: string }>(tokenPath(token.id), { method: 'PATCH', body: { reissue: true } });
      if (!result.secret) throw new Error('The server did not return a new secret. Try again.');
      setRevealed({ token: result.token, secret: result.secret });
    } finally {
      void refresh();
    }
  }

  async function revoke(token: Token) {
    try {
      await apiFetch(`${tokenPath(token.id)}/revoke`, { method: 'POST' });
      toast({ title: 'Token revoked', description: `${token.name} no longer works. It stays listed under Revoked.`, variant: 'success' });
    } finally {
      void refresh();
    }
  }

  async function remove(token: Token) {
    try {
      await apiFetch(tokenPath(token.id), { method: 'DELETE' });
      toast({ title: 'Token deleted', description: `${token.name} no longer works and is gone from the list.`, variant: 'success' });
    } finally {
      void refresh();
    }
  }

  let body;
  if (tokens.isPending) {
    body = (
      <Table aria-label="Tokens" aria-busy="true">
        <Head />
        <TBody>
          {[0, 1, 2].map((i) => (
            <TR key={i}>
              <TD>
                <Skeleton className="h-4 w-40" />
                <Skeleton className="mt-1.5 h-3 w-24" />
              </TD>
              <TD>
                <Skeleton className="h-4 w-36" />
              </TD>
              <TD>
                <Skeleton className="h-4 w-24" />
              </TD>
              <TD>
                <Skeleton className="h-4 w-24" />
              </TD>
              <TD />
            </TR>
          ))}
        </TBody>
      </Table>
    );
  } else if (tokens.isError) {
    body = (
      <FormError title="Your tokens could not be loaded.">
        {errorMessage(tokens.error)}{' '}
        <button type="button" className="font-medium underline" onClick={() => tokens.refetch()}>
          Try again
        </button>
      </FormError>
    );
  } else if (tokens.data.length === 0) {
    body = (
      <EmptyState
        icon={<KeyIcon />}
        title={EMPTY[status].title}
        description={EMPTY[status].description}
        action={
          status === 'active' ? (
            <Button type="button" onClick={onCreate}>
              <PlusIcon />
              Create token
            </Button>
          ) : null
        }
      />
    );
  } else {
    body = (
      <Table aria-label="Tokens">
        <Head />
        <TBody>
          {tokens.data.map((token) => (
            <TR key={token.id}>
              <TD className="max-w-72">
                <div id={nameId(token.id)} className="truncate font-medium text-fg">
                  {token.name}
                </div>
                {token.description ? (
                  <div className="truncate text-xs text-fg-muted" title={token.description}>
                    {token.description}
                  </div>
                ) : null}
                <div className="mt-0.5 font-mono text-xs text-fg-subtle">
                  <span className="sr-only">Secret: </span>
                  {token.prefix}…{token.lastFour}
                </div>
              </TD>
              <TD className="max-w-80">
                <div className="flex min-w-0 items-center gap-2">
                  <Badge variant={token.type === 'resource' ? 'brand' : 'neutral'}>{token.type === 'resource' ? 'Resource' : 'Scope'}</Badge>
                  <span className="truncate text-fg" title={grantLines(token).join('\n')}>
                    {grantSummary(token)}
                  </span>
                </div>
              </TD>
              <TD className="whitespace-nowrap">
                {token.lastUsedAt ? (
                  <>
                    <div className="text-fg">
                      <When at={token.lastUsedAt} now={now} />
                    </div>
                    {token.lastUsedAddress ? <div className="font-mono text-xs text-fg-muted">{token.lastUsedAddress}</div> : null}
                  </>
                ) : (
                  <span className="text-fg-subtle">Never used</span>
                )}
              </TD>
              <TD className="whitespace-nowrap">
                <Expiry token={token} now={now} />
              </TD>
              <TD className="text-right whitespace-nowrap">
                <div className="inline-flex items-center gap-0.5">
                  {token.status !== 'revoked' ? (
                    <Button type="button" variant="ghost" size="sm" aria-describedby={nameId(token.id)} onClick={() => setEditing(token)}>
                      Edit
                    </Button>
                  ) : null}
                  {token.status === 'active' ? (
                    <Button type="button" variant="ghost" size="sm" aria-describedby={nameId(token.id)} onClick={() => setReissuing(token)}>
                      Reissue
                    </Button>
                  ) : null}
                  {token.status !== 'revoked' ? (
                    <Button
                      type="button"
                      variant="ghost"
                      size="sm"
                      className={dangerGhost}
                      aria-describedby={nameId(token.id)}
                      onClick={() => setRevoking(token)}
                    >
                      Revoke
                    </Button>
                  ) : null}
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    className={dangerGhost}
                    aria-describedby={nameId(token.id)}
                    onClick={() => setDeleting(token)}
                  >
                    Delete
                  </Button>
                </div>
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    );
  }

  return (
    <>
      {body}
      <EditTokenDialog token={editing} onOpenChange={(open) => (open ? null : setEditing(null))} />
      <ConfirmDialog
        open={reissuing !== null}
        onOpenChange={(open) => (open ? null : setReissuing(null))}
        title={`Reissue ${reissuing?.name ?? 'token'}?`}
        body={
          <p>
            A new secret replaces the current one, which stops working at once: update every tool and CI job that uses it.
            The name, access and expiry stay the same.
          </p>
        }
        confirmLabel="Reissue token"
        onConfirm={async () => {
          if (reissuing) await reissue(reissuing);
        }}
      />
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => (open ? null : setRevoking(null))}
        title={`Revoke ${revoking?.name ?? 'token'}?`}
        body={
          <p>
            The token stops working at once, for good: revocation cannot be undone. It stays listed under Revoked for the
            record.
          </p>
        }
        confirmLabel="Revoke token"
        variant="danger"
        onConfirm={async () => {
          if (revoking) await revoke(revoking);
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => (open ? null : setDeleting(null))}
        title={`Delete ${deleting?.name ?? 'token'}?`}
        body={
          <p>
            The token stops working at once and disappears from this list. The audit log keeps a record of it.
          </p>
        }
        confirmLabel="Delete token"
        variant="danger"
        onConfirm={async () => {
          if (deleting) await remove(deleting);
        }}
      />
      <Dialog
        open={revealed !== null}
        onOpenChange={(open) => (open ? null : setRevealed(null))}
        title="Your new token"
        description={revealed ? `${revealed.token.name} was reissued. The previous secret no longer works.` : undefined}
        size="lg"
        footer={
          <Button type="button" onClick={() => setRevealed(null)}>
            <CheckIcon />
            Done
          </Button>
        }
      >
        {revealed ? <TokenReveal org={org} created={revealed} publicUrl={publicUrl} /> : null}
      </Dialog>
    </>
  );
}

function Head() {
  return (
    <THead>
      <TR>
        <TH>Token</TH>
        <TH>Access</TH>
        <TH>Last used</TH>
        <TH>Expiry</TH>
        <TH className="relative">
          <span className="sr-only">Actions</span>
        </TH>
      </TR>
    </THead>
  );
}
