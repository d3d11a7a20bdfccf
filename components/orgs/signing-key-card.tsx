'use client';

// Org settings: rotate the signing key behind a confirmation that says what it
// breaks (every signed link shared so far).
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { formatDateTime } from '@/components/ui/time';
import { useToast } from '@/components/ui/toast';
import { apiFetch } from '@/lib/http/client';

export type SigningKeyCardProps = { orgSlug: string; version: number; createdAt: string | null };

export function SigningKeyCard({ orgSlug, version: initial, createdAt }: SigningKeyCardProps) {
  const { toast } = useToast();
  const [open, setOpen] = useState(false);
  const [version, setVersion] = useState(initial);
  const [since, setSince] = useState(createdAt);

  async function rotate() {
    const res = await apiFetch<{ version: number }>(`/api/v1/orgs/${encodeURIComponent(orgSlug)}/signing-key/rotate`, { method: 'POST' });
    setVersion(res.version);
    setSince(new Date().toISOString());
    toast({ title: 'Signing key rotated', description: `Version ${res.version} signs new links. Every earlier link is refused.`, variant: 'success' });
  }

  return (
    <Card className="mt-6">
      <CardHeader>
        <div>
          <CardTitle>Signing key</CardTitle>
          <CardDescription>
            Share links (signed URLs) are signed with this organization&apos;s key. Rotating it makes a new key and refuses every
            link signed before, at once.
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-fg-muted" data-testid="signing-key-version">
          Version {version}
          {since ? <>, made {formatDateTime(since)}</> : null}
        </p>
        <Button type="button" variant="secondary" className="text-danger-700!" onClick={() => setOpen(true)}>
          Rotate signing key
        </Button>
      </CardContent>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        variant="danger"
        title="Rotate the signing key?"
        body={
          <div className="space-y-2">
            <p>
              Every share link (signed URL) of this organization made so far stops working at once: anyone you sent one to gets an
              error instead of the file. This cannot be undone.
            </p>
            <p>Links shared after the rotation work as usual. Tokens and entitlements are not affected.</p>
          </div>
        }
        confirmLabel="Rotate key"
        onConfirm={rotate}
      />
    </Card>
  );
}
