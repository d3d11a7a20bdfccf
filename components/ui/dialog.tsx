'use client';

import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { buttonClasses } from './button';
import { cn } from './cn';
import { XIcon } from './icons';

export type DialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  /** Body. Rendered only while open, so its state resets each time. */
  children?: ReactNode;
  /**
   * Actions, right-aligned (put Cancel first). A submit button here can target a
   * <form id="x"> in the body with form="x".
   */
  footer?: ReactNode;
  size?: 'sm' | 'md' | 'lg';
  /** false: Escape, backdrop click and the close button do nothing (e.g. while saving). */
  dismissible?: boolean;
  className?: string;
};

const sizes = { sm: 'max-w-sm', md: 'max-w-lg', lg: 'max-w-2xl' } as const;

/**
 * Modal dialog on the native <dialog> element (showModal): focus is trapped by
 * the browser, the rest of the page is inert. Focus goes to the first element
 * marked `data-autofocus`, else the first focusable element, and returns to the
 * element that was focused before opening.
 */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  footer,
  size = 'md',
  dismissible = true,
  className,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  const pointerDownOnBackdrop = useRef(false);
  const titleId = useId();
  const descriptionId = useId();

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const active = document.activeElement;
      openerRef.current = active instanceof HTMLElement && active !== document.body ? active : null;
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  function handleClose() {
    // Also reached when the browser closes the dialog on its own (e.g. repeated Escape).
    if (open) onOpenChange(false);
    const opener = openerRef.current;
    openerRef.current = null;
    if (opener?.isConnected) opener.focus({ preventScroll: true });
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        if (dismissible) onOpenChange(false);
      }}
      onClose={handleClose}
      onPointerDown={(event) => {
        pointerDownOnBackdrop.current = event.target === event.currentTarget;
      }}
      onClick={(event) => {
        if (dismissible && pointerDownOnBackdrop.current && event.target === event.currentTarget) {
          onOpenChange(false);
        }
        pointerDownOnBackdrop.current = false;
      }}
      className={cn(
        'm-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] overflow-hidden rounded-lg border border-border bg-surface p-0 text-fg shadow-xl',
        'backdrop:bg-fg/40',
        sizes[size],
        className,
      )}
    >
      {open ? (
        <div className="relative flex max-h-[calc(100dvh-2rem)] flex-col">
          <div className="px-5 pt-5 pr-12 pb-3">
            <h2 id={titleId} className="text-base leading-6 font-semibold text-fg">
              {title}
            </h2>
            {description ? (
              <p id={descriptionId} className="mt-1 text-sm text-fg-muted">
                {description}
              </p>
            ) : null}
          </div>
          {children ? <div className="min-h-0 overflow-y-auto px-5 pt-1 pb-5">{children}</div> : null}
          {footer ? (
            <div className="flex flex-wrap items-center justify-end gap-2 border-t border-border bg-subtle px-5 py-3">
              {footer}
            </div>
          ) : null}
          {dismissible ? (
            // Last in DOM order so that initial focus lands on the content, not on "close".
            <button
              type="button"
              aria-label="Close"
              onClick={() => onOpenChange(false)}
              className={buttonClasses('ghost', 'sm', 'absolute top-3.5 right-3.5 w-7 px-0')}
            >
              <XIcon />
            </button>
          ) : null}
        </div>
      ) : null}
    </dialog>
  );
}
