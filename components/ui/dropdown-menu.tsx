'use client';

import Link from 'next/link';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { buttonClasses, type ButtonSize, type ButtonVariant } from './button';
import { cn } from './cn';
import { ChevronDownIcon } from './icons';

type MenuItemBase = {
  label: ReactNode;
  icon?: ReactNode;
  /** Red text: for destructive actions. */
  danger?: boolean;
  disabled?: boolean;
};
export type DropdownMenuLinkItem = MenuItemBase & { href: string; onSelect?: never };
export type DropdownMenuActionItem = MenuItemBase & { onSelect: () => void; href?: never };
export type DropdownMenuSeparator = { separator: true };
export type DropdownMenuEntry = DropdownMenuLinkItem | DropdownMenuActionItem | DropdownMenuSeparator;

export type DropdownMenuProps = {
  items: DropdownMenuEntry[];
  /** Content of the trigger button (text and/or icon). */
  label: ReactNode;
  /** Accessible name for the trigger; required when `label` is only an icon. */
  ariaLabel?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Show a chevron after the label (default true). */
  chevron?: boolean;
  /** Which edge of the trigger the menu lines up with. */
  align?: 'start' | 'end';
  className?: string;
  menuClassName?: string;
};

const itemClasses =
  'flex w-full items-center gap-2 rounded-md px-2.5 py-1.5 text-left text-sm whitespace-nowrap ' +
  'focus-visible:-outline-offset-2 [&_svg]:size-4 [&_svg]:shrink-0';

/**
 * Menu button (WAI-ARIA menu pattern). Enter/Space/ArrowDown open it on the first
 * item, ArrowUp on the last; arrows/Home/End move, typing a letter jumps, Escape
 * closes and returns focus to the button, Tab or a click outside closes.
 */
export function DropdownMenu({
  items,
  label,
  ariaLabel,
  variant = 'secondary',
  size = 'md',
  chevron = true,
  align = 'end',
  className,
  menuClassName,
}: DropdownMenuProps) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const initialFocus = useRef<'first' | 'last'>('first');
  const menuId = useId();
  const triggerId = useId();

  function menuItems() {
    return Array.from(
      menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? [],
    );
  }

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) triggerRef.current?.focus();
  }

  useEffect(() => {
    if (!open) return;
    const list = menuItems();
    const target = initialFocus.current === 'last' ? list[list.length - 1] : list[0];
    (target ?? menuRef.current)?.focus();

    function onPointerDown(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  function openWith(focus: 'first' | 'last') {
    initialFocus.current = focus;
    setOpen(true);
  }

  function onTriggerKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      openWith(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const list = menuItems();
    const index = list.indexOf(document.activeElement as HTMLElement);
    const focusAt = (i: number) => list[(i + list.length) % list.length]?.focus();

    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        focusAt(index + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focusAt(index < 0 ? -1 : index - 1);
        break;
      case 'Home':
        event.preventDefault();
        focusAt(0);
        break;
      case 'End':
        event.preventDefault();
        focusAt(-1);
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation(); // don't also close a surrounding dialog
        close(true);
        break;
      case 'Tab':
        setOpen(false);
        break;
      case ' ':
        // Links don't activate on Space natively; menu items should.
        if (document.activeElement instanceof HTMLAnchorElement) {
          event.preventDefault();
          document.activeElement.click();
        }
        break;
      default:
        if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
          const char = event.key.toLowerCase();
          for (let step = 1; step <= list.length; step++) {
            const candidate = list[(index + step) % list.length];
            if (candidate?.textContent?.trim().toLowerCase().startsWith(char)) {
              candidate.focus();
              break;
            }
          }
        }
    }
  }

  return (
    <div
      ref={rootRef}
      className={cn('relative inline-block', className)}
      onBlur={(event) => {
        // relatedTarget is null when Safari clicks a button without focusing it;
        // clicks outside are handled by the pointerdown listener instead.
        const next = event.relatedTarget;
        if (open && next && !rootRef.current?.contains(next)) setOpen(false);
      }}
    >
      <button
        ref={triggerRef}
        id={triggerId}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={ariaLabel}
        onClick={() => (open ? setOpen(false) : openWith('first'))}
        onKeyDown={onTriggerKeyDown}
        className={buttonClasses(variant, size)}
      >
        {label}
        {chevron ? <ChevronDownIcon className={cn('-mr-0.5 transition-transform', open && 'rotate-180')} /> : null}
      </button>

      {open ? (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-labelledby={triggerId}
          tabIndex={-1}
          onKeyDown={onMenuKeyDown}
          className={cn(
            'absolute top-full z-50 mt-1 min-w-44 rounded-lg border border-border bg-surface p-1 shadow-lg outline-none',
            align === 'end' ? 'right-0' : 'left-0',
            menuClassName,
          )}
        >
          {items.map((item, i) => {
            if ('separator' in item) {
              return <div key={i} role="separator" className="-mx-1 my-1 h-px bg-border" />;
            }
            const tone = item.disabled
              ? 'cursor-not-allowed text-fg-subtle'
              : item.danger
                ? 'text-danger-700 hover:bg-danger-50 focus:bg-danger-50'
                : 'text-fg hover:bg-subtle focus:bg-subtle';
            const content = (
              <>
                {item.icon}
                <span className="min-w-0 flex-1 truncate">{item.label}</span>
              </>
            );
            if (item.href !== undefined && !item.disabled) {
              return (
                <Link
                  key={i}
                  href={item.href}
                  role="menuitem"
                  tabIndex={-1}
                  onClick={() => setOpen(false)}
                  className={cn(itemClasses, tone)}
                >
                  {content}
                </Link>
              );
            }
            return (
              <button
                key={i}
                type="button"
                role="menuitem"
                tabIndex={-1}
                aria-disabled={item.disabled || undefined}
                onClick={() => {
                  if (item.disabled) return;
                  // Focus goes back to the trigger first, so a dialog opened by
                  // onSelect returns focus there when it closes.
                  close(true);
                  item.onSelect?.();
                }}
                className={cn(itemClasses, tone)}
              >
                {content}
              </button>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
