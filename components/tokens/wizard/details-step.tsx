'use client';

import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { ExpiryField } from '../expiry-field';
import type { WizardState } from './state';

export type StepProps = {
  /** Base for control ids. */
  id: string;
  state: WizardState;
  update: (patch: Partial<WizardState>) => void;
  errors: Record<string, string>;
};

/** Step 1: name, description, expiration. */
export function DetailsStep({ id, state, update, errors }: StepProps) {
  return (
    <div className="space-y-5">
      <Field htmlFor={`${id}-name`} label="Name" error={errors.name} hint="Where the token is used, e.g. “GitHub Actions release job”." required>
        <Input
          name="name"
          value={state.name}
          onChange={(e) => update({ name: e.target.value })}
          maxLength={100}
          autoComplete="off"
          spellCheck={false}
          required
          data-autofocus=""
          className="max-w-md"
        />
      </Field>
      <Field htmlFor={`${id}-description`} label="Description" error={errors.description} hint="Optional. What the token is for and who looks after it.">
        <Textarea
          name="description"
          rows={2}
          value={state.description}
          onChange={(e) => update({ description: e.target.value })}
          maxLength={500}
          className="max-w-xl"
        />
      </Field>
      <ExpiryField
        id={id}
        choice={state.expiry}
        date={state.expiryDate}
        onChoiceChange={(expiry) => update({ expiry })}
        onDateChange={(expiryDate) => update({ expiryDate })}
        error={errors.expiry}
        dateError={errors.expiryDate}
      />
    </div>
  );
}
