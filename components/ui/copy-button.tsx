'use client';

import { useEffect, useRef, useState, type RefObject } from 'react';
import { Button, type ButtonProps } from './button';
import { cn } from './cn';
import { AlertIcon, CheckIcon, CopyIcon } from './icons';

type CopyTarget = HTMLInputElement | HTMLTextAreaElement;

/**
 * Copies text. Uses the async Clipboard API when available (secure contexts:
 * https or localhost); otherwise — e.g. a console served over plain http —
 * selects the text and uses document.execCommand("copy").
 * If `target` holds the same text it is selected instead of a hidden textarea,
 * and left selected when copying fails so the user can press Ctrl/Cmd+C.
 */
export async function copyText(text: string, target?: CopyTarget | null, anchor?: Element | null): Promise<boolean> {
  if (typeof window === 'undefined') return false;
  if (window.isSecureContext && navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission denied or document not focused: try the legacy path.
    }
  }

  const previousFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  let element: CopyTarget;
  let temporary: HTMLTextAreaElement | null = null;
  if (target && target.value === text) {
    element = target;
  } else {
    temporary = document.createElement('textarea');
    temporary.value = text;
    temporary.readOnly = true;
    temporary.tabIndex = -1;
    temporary.setAttribute('aria-hidden', 'true');
    Object.assign(temporary.style, {
      position: 'fixed',
      top: '0',
      left: '0',
      width: '1px',
      height: '1px',
      padding: '0',
      border: '0',
      opacity: '0',
    });
    // Inside an open modal <dialog> everything else is inert, so stay within it.
    (anchor?.closest('dialog[open]') ?? document.body).appendChild(temporary);
    element = temporary;
  }

  element.focus({ preventScroll: true });
  element.select();
  element.setSelectionRange(0, element.value.length);
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  if (temporary) temporary.remove();
  if (temporary || ok) previousFocus?.focus({ preventScroll: true });
  return ok;
}

export type CopyButtonProps = Omit<ButtonProps, 'onClick' | 'children' | 'loading'> & {
  /** The text to copy. */
  text: string;
  /** Button text / accessible name, e.g. "Copy token" (default "Copy"). */
  label?: string;
  copiedLabel?: string;
  /** Show only the icon; `label` becomes the aria-label. */
  iconOnly?: boolean;
  /** A visible input/textarea holding the same text, used by the fallback (see copyText). */
  targetRef?: RefObject<CopyTarget | null>;
  onCopied?: () => void;
};

export function CopyButton({
  text,
  label = 'Copy',
  copiedLabel = 'Copied',
  iconOnly = false,
  targetRef,
  onCopied,
  variant = 'secondary',
  size = 'md',
  className,
  ...props
}: CopyButtonProps) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (status === 'idle') return;
    const timer = window.setTimeout(() => setStatus('idle'), status === 'copied' ? 2000 : 4000);
    return () => window.clearTimeout(timer);
  }, [status]);

  async function handleClick() {
    const ok = await copyText(text, targetRef?.current, buttonRef.current);
    setStatus(ok ? 'copied' : 'failed');
    if (ok) onCopied?.();
  }

  const visible = status === 'copied' ? copiedLabel : status === 'failed' ? 'Copy failed' : label;
  const icon =
    status === 'copied' ? (
      <CheckIcon className="text-success-600" />
    ) : status === 'failed' ? (
      <AlertIcon className="text-danger-600" />
    ) : (
      <CopyIcon />
    );

  return (
    <>
      <Button
        ref={buttonRef}
        type="button"
        variant={variant}
        size={size}
        {...props}
        onClick={handleClick}
        aria-label={iconOnly ? visible : props['aria-label']}
        title={iconOnly ? visible : props.title}
        className={cn(iconOnly && (size === 'sm' ? 'w-7 px-0' : 'w-9 px-0'), className)}
      >
        {icon}
        {iconOnly ? null : <span>{visible}</span>}
      </Button>
      <span className="sr-only" aria-live="polite">
        {status === 'copied'
          ? 'Copied to clipboard'
          : status === 'failed'
            ? 'Could not copy automatically. The text is selected: press Control+C or Command+C to copy it.'
            : ''}
      </span>
    </>
  );
}
