// The e-mail and password fields of every account form (sign-in, sign-up,
// accepting an invitation, inviting someone): one label, input type, name and
// spelling each, so browsers and password managers see the same fields everywhere.
import type { ReactNode } from 'react';
import { Field } from './field';
import { Input, type InputProps } from './input';

type TextFieldProps = Omit<InputProps, 'id' | 'value' | 'onChange' | 'type'> & {
  id: string;
  value: string;
  onChange: (value: string) => void;
  label?: string;
  error?: ReactNode;
  hint?: ReactNode;
};

export function EmailField({ id, value, onChange, label = 'E-mail', error, hint, ...input }: TextFieldProps) {
  return (
    <Field htmlFor={id} label={label} error={error} hint={hint}>
      <Input type="email" name="email" value={value} onChange={(e) => onChange(e.target.value)} spellCheck={false} required {...input} />
    </Field>
  );
}

export function PasswordField({ id, value, onChange, label = 'Password', error, hint, ...input }: TextFieldProps) {
  return (
    <Field htmlFor={id} label={label} error={error} hint={hint}>
      <Input type="password" name="password" value={value} onChange={(e) => onChange(e.target.value)} required {...input} />
    </Field>
  );
}
