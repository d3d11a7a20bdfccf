'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { AlertIcon, CheckIcon, KeyIcon, PlusIcon } from '@/components/ui/icons';
import { Skeleton } from '@/components/ui/skeleton';
import { PagedList, TableSkeleton } from '@/components/ui/paged-list';
import { useRowActions, useRowMutation } from '@/components/ui/row-actions';
import { HeadRow, TBody, TD, TR, Table } from '@/components/ui/table';
import { apiFetch } from '@/lib/http/client';
import { EditTokenDialog } from './edit-token-dialog';
import { expiryState, grantLines, grantSummary, type CreatedToken, type ExpiryState, type Token, type TokenStatus } from './model';
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

const NAME_SKELETON = (
  <>
    <Skeleton className="h-4 w-40" />
    <Skeleton className="mt-1.5 h-3 w-24" />
  </>
);

/** A time: relative once the clock is known in the browser, the ISO date before (server render, hydration). */
function When({ at, now, prefix = '' }: { at: string; now: number | null; prefix?: string }) {
  return (
    <time dateTime={at} title={now === null ? at : formatDateTime(at)}>
      {prefix}
      {now === null ? at.slice(0, 10) : formatRelative(at, now)}
    </time>
  );
}

/** How each expiry state looks: a badge of a colour, or plain text with these classes. */
const EXPIRY_LOOK = {
  revoked: { prefix: 'Revoked ', badge: 'danger' },
  expired: { prefix: 'Expired ', className: 'font-medium text-danger-700' },
  soon: { prefix: 'Expires ', badge: 'warning' },
  later: { prefix: 'Expires ', className: 'text-fg-muted' },
} as const satisfies Record<Exclude<ExpiryState['kind'], 'never'>, { prefix: string; badge?: 'danger' | 'warning'; className?: string }>;

function Expiry({ token, now }: { token: Token; now: number | null }) {
  const state = expiryState(token, now ?? 0);
  if (state.kind === 'never') {
    return (
      <Badge variant="warning" title="This token never expires: revoke it when it is no longer needed.">
        <AlertIcon />
        Never
      </Badge>
    );
  }
  const look: { prefix: string; badge?: 'danger' | 'warning'; className?: string } = EXPIRY_LOOK[state.kind];
  const when = <When at={state.at} now={now} prefix={look.prefix} />;
  return look.badge ? <Badge variant={look.badge}>{when}</Badge> : <span className={look.className}>{when}</span>;
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
  const tokens = useTokens(org, status);
  const now = useNow();
  const [editing, setEditing] = useState<Token | null>(null);
  // A reissued secret: component state only, gone when the dialog closes.
  const [revealed, setRevealed] = useState<CreatedToken | null>(null);

  const mutate = useRowMutation(tokensKey);

  async function reissue(token: Token) {
    const result = await mutate(() => apiFetch<{ token: Token; secret?: string }>(tokenPath(token.id), { method: 'PATCH', body: { reissue: true } }));
    if (!result.secret) throw new Error('The server did not return a new secret. Try again.');
    setRevealed({ token: result.token, secret: result.secret });
  }

  const revoke = (token: Token) =>
    mutate(() => apiFetch(`${tokenPath(token.id)}/revoke`, { method: 'POST' }), {
      title: 'Token revoked',
      description: `${token.name} no longer works. It stays listed under Revoked.`,
    });

  const remove = (token: Token) =>
    mutate(() => apiFetch(tokenPath(token.id), { method: 'DELETE' }), {
      title: 'Token deleted',
      description: `${token.name} no longer works and is gone from the list.`,
    });

  const { buttons, dialog } = useRowActions<Token>([
    { label: 'Edit', when: (t) => t.status !== 'revoked', run: setEditing },
    {
      label: 'Reissue',
      when: (t) => t.status === 'active',
      confirm: {
        title: (t) => `Reissue ${t.name}?`,
        body: () => (
          <p>
            A new secret replaces the current one, which stops working at once: update every tool and CI job that uses it.
            The name, access and expiry stay the same.
          </p>
        ),
        label: 'Reissue token',
      },
      run: reissue,
    },
    {
      label: 'Revoke',
      danger: true,
      when: (t) => t.status !== 'revoked',
      confirm: {
        title: (t) => `Revoke ${t.name}?`,
        body: () => (
          <p>
            The token stops working at once, for good: revocation cannot be undone. It stays listed under Revoked for the
            record.
          </p>
        ),
        label: 'Revoke token',
      },
      run: revoke,
    },
    {
      label: 'Delete',
      danger: true,
      confirm: {
        title: (t) => `Delete ${t.name}?`,
        body: () => <p>The token stops working at once and disappears from this list. The audit log keeps a record of it.</p>,
        label: 'Delete token',
      },
      run: remove,
    },
  ]);

  const body = (
    <PagedList
      source={tokens}
      skeleton={<TableSkeleton label="Tokens" head={<Head />} cells={[NAME_SKELETON, 'h-4 w-36', 'h-4 w-24', 'h-4 w-24', null]} />}
      errorTitle="Your tokens could not be loaded."
      empty={
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
      }
    >
      {(rows) => (
        <Table aria-label="Tokens">
          <Head />
          <TBody>
            {rows.map((token) => (
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
                  <div className="inline-flex items-center gap-0.5">{buttons(token, nameId(token.id))}</div>
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </PagedList>
  );

  return (
    <>
      {body}
      <EditTokenDialog token={editing} onOpenChange={(open) => (open ? null : setEditing(null))} />
      {dialog}
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

const Head = () => <HeadRow columns={['Token', 'Access', 'Last used', 'Expiry']} actions />;
