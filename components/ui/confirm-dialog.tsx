'use client';

import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from './button';
import { Dialog } from './dialog';
import { FormError } from './form-error';
import { Input } from './input';

export type ConfirmDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  /** Explanation of what will happen. */
  body?: ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
  /** "danger" styles the confirm button red and focuses Cancel first. */
  variant?: 'primary' | 'danger';
  /** If set, the user must type exactly this (e.g. the resource name) before confirming. */
  confirmText?: string;
  /**
   * Called on confirm. While its promise is pending the button shows a spinner and the
   * dialog cannot be dismissed. Resolves → the dialog closes. Throws → the error message
   * is shown inside the dialog and it stays open.
   */
  onConfirm: () => void | Promise<void>;
};

export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  body,
  confirmLabel = 'Confirm',
  cancelLabel = 'Cancel',
  variant = 'primary',
  confirmText,
  onConfirm,
}: ConfirmDialogProps) {
  const formId = useId();
  const inputId = useId();
  const [typed, setTyped] = useState('');
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [wasOpen, setWasOpen] = useState(open);

  // Reset each time the dialog opens (adjusting state during render, no effect needed).
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setTyped('');
      setError(null);
      setLoading(false);
    }
  }

  const matches = confirmText === undefined || typed.trim() === confirmText;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!matches || loading) return;
    setLoading(true);
    setError(null);
    try {
      await onConfirm();
      onOpenChange(false);
    } catch (err) {
      setError(err instanceof Error && err.message ? err.message : 'Something went wrong. Please try again.');
    } finally {
      setLoading(false);
    }
  }

  const focusCancel = variant === 'danger' && confirmText === undefined;

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={title}
      size="sm"
      dismissible={!loading}
      footer={
        <>
          <Button
            type="button"
            variant="secondary"
            disabled={loading}
            onClick={() => onOpenChange(false)}
            data-autofocus={focusCancel ? '' : undefined}
          >
            {cancelLabel}
          </Button>
          <Button
            type="submit"
            form={formId}
            variant={variant}
            loading={loading}
            disabled={!matches}
            data-autofocus={!focusCancel && confirmText === undefined ? '' : undefined}
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={handleSubmit} className="space-y-4" noValidate>
        {body ? <div className="text-sm text-fg-muted">{body}</div> : null}
        {confirmText !== undefined ? (
          <div>
            <label htmlFor={inputId} className="mb-1.5 block text-sm text-fg">
              Type <strong className="font-mono font-semibold break-all">{confirmText}</strong> to confirm.
            </label>
            <Input
              id={inputId}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck={false}
              disabled={loading}
              data-autofocus=""
              className="font-mono"
            />
          </div>
        ) : null}
        <FormError>{error}</FormError>
      </form>
    </Dialog>
  );
}
