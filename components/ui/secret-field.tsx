'use client';

import { useRef, type ComponentPropsWithRef } from 'react';
import { cn } from './cn';
import { CopyButton } from './copy-button';
import { controlClasses } from './input';

export type SecretFieldProps = Omit<
  ComponentPropsWithRef<'input'>,
  'value' | 'defaultValue' | 'readOnly' | 'type' | 'children'
> & {
  /** The secret (token, key, password) to show and copy. */
  value: string;
  /** Name of the secret for the copy button's accessible name, e.g. "token" → "Copy token". */
  secretName?: string;
  wrapperClassName?: string;
};

/**
 * Read-only monospace field with a copy button. Give it an accessible name with
 * `aria-label` or a <label htmlFor> / <Field> pointing at its `id`.
 */
export function SecretField({ value, secretName, wrapperClassName, className, ref, onFocus, ...props }: SecretFieldProps) {
  const inputRef = useRef<HTMLInputElement | null>(null);

  return (
    <div className={cn('flex items-stretch gap-2', wrapperClassName)}>
      <input
        {...props}
        ref={(node) => {
          inputRef.current = node;
          if (typeof ref === 'function') return ref(node);
          if (ref) ref.current = node;
        }}
        type="text"
        value={value}
        readOnly
        spellCheck={false}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        onFocus={(event) => {
          event.currentTarget.select();
          onFocus?.(event);
        }}
        className={cn(controlClasses, 'h-9 min-w-0 flex-1 px-3 font-mono text-[13px]', className)}
      />
      <CopyButton text={value} targetRef={inputRef} aria-label={secretName ? `Copy ${secretName}` : undefined} />
    </div>
  );
}
