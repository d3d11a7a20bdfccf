'use client';

// The buttons at the end of a table row and the one confirm dialog they
// share: a table declares its actions once, each row draws the ones it offers.
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Button } from './button';
import { ConfirmDialog } from './confirm-dialog';
import { useToast } from './toast';

export const DANGER_GHOST = 'text-danger-700! hover:bg-danger-50! hover:text-danger-800!';

export type RowAction<T> = {
  /** The button's text, e.g. "Revoke". */
  label: string;
  /** Red text; the dialog's confirm button is red and Cancel is focused first. */
  danger?: boolean;
  /** Whether this row offers the action (default: every row). */
  when?: (row: T) => boolean;
  /** Asked before `run`; without it the button runs at once (e.g. opens an edit dialog). */
  confirm?: { title: (row: T) => ReactNode; body: (row: T) => ReactNode; label: string };
  /** Resolves → the dialog closes; throws → the dialog shows the message and stays open. */
  run: (row: T) => unknown;
};

/**
 * `buttons(row, describedBy)`: the row's action buttons, described by the
 * cell that names the row; `dialog`: render it once, after the table.
 */
export function useRowActions<T>(actions: readonly RowAction<T>[]) {
  const [asked, setAsked] = useState<{ action: RowAction<T>; row: T } | null>(null);
  const [open, setOpen] = useState(false);

  const buttons = (row: T, describedBy: string) =>
    actions
      .filter((action) => action.when?.(row) ?? true)
      .map((action) => (
        <Button
          key={action.label}
          type="button"
          variant="ghost"
          size="sm"
          className={action.danger ? DANGER_GHOST : undefined}
          aria-describedby={describedBy}
          onClick={() => {
            if (!action.confirm) return void action.run(row);
            setAsked({ action, row });
            setOpen(true);
          }}
        >
          {action.label}
        </Button>
      ));

  // The last action asked keeps its words while the dialog closes.
  const confirm = asked?.action.confirm;
  const dialog = (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      title={asked && confirm ? confirm.title(asked.row) : ''}
      body={asked && confirm ? confirm.body(asked.row) : null}
      confirmLabel={confirm?.label}
      variant={asked?.action.danger ? 'danger' : 'primary'}
      onConfirm={async () => {
        if (asked) await asked.action.run(asked.row);
      }}
    />
  );

  return { buttons, dialog };
}

/**
 * The request behind a row action: `mutate(request, done)` sends it, says `done`
 * in a toast when it succeeds, and refreshes the list (`queryKey`) either way.
 * A failure is thrown on, so the confirm dialog shows it and stays open.
 */
export function useRowMutation(queryKey: QueryKey) {
  const queryClient = useQueryClient();
  const { toast } = useToast();
  return async function mutate<R>(request: () => Promise<R>, done?: { title: string; description?: ReactNode }): Promise<R> {
    try {
      const result = await request();
      if (done) toast({ ...done, variant: 'success' });
      return result;
    } finally {
      void queryClient.invalidateQueries({ queryKey });
    }
  };
}
