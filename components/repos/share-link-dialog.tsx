'use client';

// "Share link" on a file row: a signed URL for that one file, valid for the
// chosen time (1 hour by default, at most 30 days), that downloads with no
// account or token. Rotating the organization's signing key ends it early.
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { InfoIcon } from '@/components/ui/icons';
import { SecretField } from '@/components/ui/secret-field';
import { Select } from '@/components/ui/select';
import { formatDateTime, formatRelative, useNow } from '@/components/ui/time';
import { useForm } from '@/components/ui/use-form';
import { apiFetch, validate } from '@/lib/http/client';
import { DEFAULT_SIGNED_EXPIRY, mintSignedUrlInput } from '@/lib/signed-urls/schema';
import type { signedUrlView } from '@/lib/signed-urls/schema';
import type { z } from 'zod';
import { repoPath } from './queries';

type SignedUrl = z.output<typeof signedUrlView>;

export const SHARE_EXPIRIES = [
  { value: '1h', label: '1 hour' },
  { value: '12h', label: '12 hours' },
  { value: '1d', label: '1 day' },
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
] as const;

export type ShareLinkDialogProps = {
  orgSlug: string;
  repoName: string;
  /** The file to share; null: closed. */
  path: string | null;
  onOpenChange: (open: boolean) => void;
};

export function ShareLinkDialog({ orgSlug, repoName, path, onOpenChange }: ShareLinkDialogProps) {
  const id = useId();
  const formId = `${id}-form`;
  const now = useNow();
  const [expiresIn, setExpiresIn] = useState<string>(DEFAULT_SIGNED_EXPIRY);
  const [link, setLink] = useState<SignedUrl | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const { formRef, errors, formError, pending, onSubmit, reset } = useForm();

  // A fresh form each time the dialog opens on a file (adjusting state during render).
  if (path !== shown) {
    setShown(path);
    if (path) {
      setExpiresIn(DEFAULT_SIGNED_EXPIRY);
      setLink(null);
      reset();
    }
  }

  const close = () => onOpenChange(false);

  const submit = onSubmit({
    check: () => (path ? validate(mintSignedUrlInput, { path, expiresIn }) : null),
    send: async (body) => {
      setLink(await apiFetch<SignedUrl>(`${repoPath(orgSlug, repoName)}/signed-urls`, { method: 'POST', body }));
    },
  });

  return (
    <Dialog
      open={path !== null}
      onOpenChange={onOpenChange}
      title="Share a download link"
      description={
        path ? (
          <>
            Anyone with the link can download <code className="font-mono break-all text-fg">{path}</code> until it expires, with
            no account or token.
          </>
        ) : null
      }
      dismissible={!pending}
      footer={
        link ? (
          <Button type="button" onClick={close} data-autofocus="">
            Done
          </Button>
        ) : (
          <>
            <Button type="button" variant="secondary" onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" form={formId} loading={pending}>
              Create link
            </Button>
          </>
        )
      }
    >
      {link ? (
        <div className="space-y-3">
          <Field htmlFor={`${id}-link`} label="Download link">
            <SecretField value={link.url} secretName="link" data-autofocus="" />
          </Field>
          <p className="text-sm text-fg-muted" data-testid="share-link-expiry">
            Expires{' '}
            <time dateTime={link.expiresAt} title={link.expiresAt}>
              {formatDateTime(link.expiresAt)}
            </time>
            {now !== null ? ` (${formatRelative(link.expiresAt, now)})` : ''}.
          </p>
          <p className="flex items-start gap-1.5 text-xs text-fg-muted">
            <InfoIcon className="mt-px size-3.5 shrink-0" />
            <span>Rotating the organization&apos;s signing key (Settings) stops this link and every other one at once.</span>
          </p>
        </div>
      ) : (
        <form id={formId} ref={formRef} onSubmit={submit} noValidate className="space-y-4">
          <FormError>{formError}</FormError>
          <Field htmlFor={`${id}-expiry`} label="Valid for" error={errors.expiresIn ?? errors.path} hint="At most 30 days.">
            <Select name="expiresIn" value={expiresIn} onChange={(e) => setExpiresIn(e.target.value)} disabled={pending} data-autofocus="">
              {SHARE_EXPIRIES.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          </Field>
        </form>
      )}
    </Dialog>
  );
}
