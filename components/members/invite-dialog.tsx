'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { EmailField } from '@/components/ui/account-fields';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { CheckIcon, InfoIcon } from '@/components/ui/icons';
import { Label } from '@/components/ui/label';
import { SecretField } from '@/components/ui/secret-field';
import { Select } from '@/components/ui/select';
import type { OrgRole } from '@/lib/authz/scopes';
import { useForm } from '@/components/ui/use-form';
import { apiFetch, validate } from '@/lib/http/client';
import { createInvitationInput } from '@/lib/invitations/schema';
import { formatDateTime } from '@/components/ui/time';
import { invitationsKey, orgPath, type CreatedInvitation } from './queries';
import { assignableRoles, ROLE_DESCRIPTIONS, ROLE_LABELS } from './roles';

export type InviteDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  orgSlug: string;
  orgName: string;
  /** Owners may invite owners. */
  canInviteOwners: boolean;
};

/**
 * Invites an e-mail address with a role. On success the accept link is shown
 * once (the server keeps only its hash): closing the dialog forgets it.
 */
export function InviteDialog({ open, onOpenChange, orgSlug, orgName, canInviteOwners }: InviteDialogProps) {
  const id = useId();
  const formId = `${id}-form`;
  const queryClient = useQueryClient();
  const roles = assignableRoles(canInviteOwners);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<OrgRole>('member');
  const { formRef, errors, formError, pending, onSubmit, reset } = useForm();
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const [wasOpen, setWasOpen] = useState(open);

  // Start blank every time the dialog opens (adjusting state during render).
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setEmail('');
      setRole('member');
      reset();
      setCreated(null);
    }
  }

  // The submit button is gone once the link shows: move focus to the link.
  useEffect(() => {
    if (created) document.getElementById(`${id}-link`)?.focus();
  }, [created, id]);

  function close(next: boolean) {
    if (!next) setCreated(null); // the link is shown once
    onOpenChange(next);
  }

  const submit = onSubmit({
    check: () => validate(createInvitationInput, { email, role }),
    send: async (body) => {
      setCreated(await apiFetch<CreatedInvitation>(`${orgPath(orgSlug)}/invitations`, { method: 'POST', body }));
      void queryClient.invalidateQueries({ queryKey: invitationsKey(orgSlug) });
    },
  });

  if (created) {
    return (
      <Dialog
        open={open}
        onOpenChange={close}
        title="Invitation created"
        description={`${created.email} is invited to ${orgName} as ${ROLE_LABELS[created.role as OrgRole] ?? created.role}.`}
        footer={
          <Button type="button" onClick={() => close(false)} data-autofocus="">
            Done
          </Button>
        }
      >
        <div className="space-y-4">
          <Field
            htmlFor={`${id}-link`}
            label="Invitation link"
            hint={`Works once, until ${formatDateTime(created.expiresAt)}.`}
          >
            {(control) => <SecretField {...control} value={created.acceptUrl} secretName="link" />}
          </Field>
          <p
            className={cn(
              'flex items-start gap-2 rounded-md border px-3 py-2.5 text-sm',
              created.emailed
                ? 'border-success-200 bg-success-50 text-success-800'
                : 'border-warning-200 bg-warning-50 text-warning-800',
            )}
          >
            {created.emailed ? <CheckIcon className="mt-0.5" /> : <InfoIcon className="mt-0.5" />}
            <span>
              {created.emailed
                ? `The link was e-mailed to ${created.email}. You can also copy it and send it yourself.`
                : `The link was not e-mailed: this server has no mail configured. Copy it and send it to ${created.email} yourself.`}
            </span>
          </p>
          <p className="text-xs text-fg-muted">
            This is the only time the link is shown. If it gets lost, revoke the invitation and send a new one.
          </p>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title="Invite member"
      description={`They receive a link to join ${orgName} with the role you choose.`}
      dismissible={!pending}
      footer={
        <>
          <Button type="button" variant="secondary" onClick={() => close(false)} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form={formId} loading={pending}>
            Send invitation
          </Button>
        </>
      }
    >
      <form id={formId} ref={formRef} onSubmit={submit} noValidate className="space-y-4">
        <FormError>{formError}</FormError>
        <EmailField
          id={`${id}-email`}
          value={email}
          onChange={setEmail}
          error={errors.email}
          autoComplete="off"
          placeholder="name@example.com"
          data-autofocus=""
        />
        <div>
          <Label htmlFor={`${id}-role`} className="mb-1.5">
            Role
          </Label>
          <Select
            id={`${id}-role`}
            name="role"
            value={role}
            onChange={(e) => setRole(e.target.value as OrgRole)}
            aria-describedby={`${id}-role-help${errors.role ? ` ${id}-role-error` : ''}`}
            aria-invalid={errors.role ? true : undefined}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </Select>
          {errors.role ? (
            <p id={`${id}-role-error`} className="mt-1.5 text-xs font-medium text-danger-700">
              {errors.role}
            </p>
          ) : null}
          <ul id={`${id}-role-help`} className="mt-2 space-y-1 text-xs text-fg-muted">
            {roles.map((r) => (
              <li key={r} className={cn(r === role && 'text-fg')}>
                <span className={cn('font-medium', r === role ? 'text-fg' : 'text-fg-muted')}>{ROLE_LABELS[r]}:</span>{' '}
                {ROLE_DESCRIPTIONS[r]}
              </li>
            ))}
          </ul>
        </div>
      </form>
    </Dialog>
  );
}
