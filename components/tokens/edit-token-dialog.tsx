'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { useToast } from '@/components/ui/toast';
import { useForm, type Checked } from '@/components/ui/use-form';
import { apiFetch, validate } from '@/lib/http/client';
import { updateTokenInput } from '@/lib/tokens/schema';
import { ExpiryField } from './expiry-field';
import { expiryFields, type ExpiryChoice, type Token } from './model';
import { tokenPath, tokensKey } from './queries';
import { formatDate, formatRelative, useNow } from '@/components/ui/time';

type Choice = ExpiryChoice | 'keep';

export type EditTokenDialogProps = {
  token: Token | null;
  onOpenChange: (open: boolean) => void;
};

/** Edit a token's name, description and expiry: the only things a token lets you change. */
export function EditTokenDialog({ token, onOpenChange }: EditTokenDialogProps) {
  const id = useId();
  const formId = `${id}-form`;
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const now = useNow();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [choice, setChoice] = useState<Choice>('keep');
  const [date, setDate] = useState('');
  const { formRef, errors, setErrors, formError, pending, onSubmit, reset } = useForm();
  const [shown, setShown] = useState<Token | null>(null);

  // Start from the token's values each time the dialog opens (adjusting state during render).
  if (token !== shown) {
    setShown(token);
    if (token) {
      setName(token.name);
      setDescription(token.description);
      setChoice('keep');
      setDate('');
      reset();
    }
  }

  const close = () => onOpenChange(false);

  const current = !token
    ? ''
    : token.expiresAt
      ? now === null
        ? `Expires ${token.expiresAt.slice(0, 10)}.`
        : `${new Date(token.expiresAt).getTime() > now ? 'Expires' : 'Expired'} ${formatRelative(token.expiresAt, now)}, on ${formatDate(token.expiresAt)}.`
      : 'Never expires.';

  // The API's expiresIn / expiresAt are the form's expiry select and date field.
  const toFields = (raw: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(raw).map(([k, v]) => [k === 'expiresIn' ? 'expiry' : k === 'expiresAt' ? (choice === 'custom' ? 'expiryDate' : 'expiry') : k, v]),
    );

  /** Only what changed is sent; nothing changed closes the dialog. */
  function check(): Checked<Record<string, unknown>> | null {
    if (!token) return null;
    const body: Record<string, unknown> = {};
    if (name !== token.name) body.name = name;
    if (description !== token.description) body.description = description;
    if (choice !== 'keep') {
      const expiry = expiryFields(choice, date);
      if (expiry.error) return { data: null, errors: { expiryDate: expiry.error } };
      Object.assign(body, expiry.fields);
    }
    const checked = validate(updateTokenInput, body);
    if (checked.errors) return { data: null, errors: toFields(checked.errors) };
    if (Object.keys(body).length === 0) {
      close();
      return null;
    }
    return checked;
  }

  const submit = onSubmit({
    check,
    send: async (body) => {
      if (!token) return;
      await apiFetch(tokenPath(token.id), { method: 'PATCH', body });
      toast({ title: 'Token updated', description: `Changes to ${name.trim() || token.name} are saved.`, variant: 'success' });
      void queryClient.invalidateQueries({ queryKey: tokensKey });
      close();
    },
    fieldKeys: toFields,
  });

  return (
    <Dialog
      open={token !== null}
      onOpenChange={onOpenChange}
      title={token ? `Edit ${token.name}` : 'Edit token'}
      description="Name, description and expiry. The grant cannot change: create a new token for different access."
      dismissible={!pending}
      footer={
        <>
          <Button type="button" variant="secondary" onClick={close} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form={formId} loading={pending}>
            Save changes
          </Button>
        </>
      }
    >
      <form id={formId} ref={formRef} onSubmit={submit} noValidate className="space-y-4">
        <FormError>{formError}</FormError>
        <Field htmlFor={`${id}-name`} label="Name" error={errors.name} required>
          <Input name="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoComplete="off" required data-autofocus="" />
        </Field>
        <Field htmlFor={`${id}-description`} label="Description" error={errors.description}>
          <Textarea name="description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />
        </Field>
        <ExpiryField<'keep'>
          id={id}
          choice={choice}
          date={date}
          onChoiceChange={(c) => {
            setChoice(c);
            setErrors(({ expiry: _e, expiryDate: _d, ...rest }) => rest);
          }}
          onDateChange={setDate}
          error={errors.expiry}
          dateError={errors.expiryDate}
          leading={[{ value: 'keep', label: 'Keep the current expiry', hint: current }]}
          disabled={pending}
        />
      </form>
    </Dialog>
  );
}
