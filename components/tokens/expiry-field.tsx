'use client';

import type { ReactNode } from 'react';
import { Field } from '@/components/ui/field';
import { AlertIcon } from '@/components/ui/icons';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { dateInputValue, EXPIRY_CHOICES, expiryTime, NEVER_EXPIRES_WARNING, type ExpiryChoice } from './model';
import { formatDate, useNow } from '@/components/ui/time';

export type ExpiryFieldProps<C extends string> = {
  /** Base for the control ids: `${id}-expiry`, `${id}-expiry-date`. */
  id: string;
  choice: C | ExpiryChoice;
  date: string;
  onChoiceChange: (choice: C | ExpiryChoice) => void;
  onDateChange: (date: string) => void;
  /** Error of the select (API paths expiresIn) and of the date input (expiresAt). */
  error?: string;
  dateError?: string;
  /** Options before the standard ones (the edit dialog's "Keep current"), with their hints. */
  leading?: { value: C; label: string; hint: ReactNode }[];
  disabled?: boolean;
};

/** "Expiration": 7 / 30 / 90 days, 1 year, a custom date or never (with a warning). */
export function ExpiryField<C extends string = never>({
  id,
  choice,
  date,
  onChoiceChange,
  onDateChange,
  error,
  dateError,
  leading = [],
  disabled,
}: ExpiryFieldProps<C>) {
  const now = useNow();
  const lead = leading.find((o) => o.value === choice);
  const standard = lead ? null : (choice as ExpiryChoice);
  const at = standard && now !== null ? expiryTime(standard, date, now) : null;

  let hint: ReactNode = null;
  if (lead) hint = lead.hint;
  else if (standard === 'never') hint = null;
  else if (at !== null) hint = standard === 'custom' ? `Expires at the end of ${formatDate(at)}.` : `Expires on ${formatDate(at)}.`;
  else if (standard === 'custom') hint = 'The token stops working at the end of the day you choose.';

  // The date input's min: tomorrow, once the clock is known (not during server rendering).
  const min = now === null ? undefined : dateInputValue(now + 86_400_000);

  return (
    <div className="space-y-4">
      <Field htmlFor={`${id}-expiry`} label="Expiration" error={error} hint={standard === 'custom' ? null : hint}>
        <Select
          name="expiration"
          value={choice}
          disabled={disabled}
          onChange={(e) => onChoiceChange(e.target.value as C | ExpiryChoice)}
          wrapperClassName="max-w-xs"
        >
          {leading.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
          {EXPIRY_CHOICES.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </Field>
      {standard === 'custom' ? (
        <Field htmlFor={`${id}-expiry-date`} label="Expiration date" error={dateError} hint={hint} required>
          <Input
            type="date"
            name="expirationDate"
            value={date}
            min={min}
            disabled={disabled}
            required
            onChange={(e) => onDateChange(e.target.value)}
            className="max-w-xs"
          />
        </Field>
      ) : null}
      {standard === 'never' ? (
        <p
          role="status"
          className="flex items-start gap-2 rounded-md border border-warning-200 bg-warning-50 px-3 py-2.5 text-sm text-warning-800"
        >
          <AlertIcon className="mt-0.5 text-warning-600" />
          <span>{NEVER_EXPIRES_WARNING}</span>
        </p>
      ) : null}
    </div>
  );
}
