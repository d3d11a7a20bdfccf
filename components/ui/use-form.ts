'use client';

// The one submit sequence of every console form: check the values with the
// API's own schema, send them, put the API's `details` next to their fields,
// and move focus to the first invalid control, or show the failure in the
// form's banner.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiClientError, errorMessage, fieldErrors } from '@/lib/http/client';

export type FieldErrors = Record<string, string>;

/** What a form's check answers: the data to send, or errors keyed by field (as `validate` returns them). */
export type Checked<T> = { data: T; errors: null } | { data: null; errors: FieldErrors };

/** `send` returns this when it has started a navigation: the submit button stays busy until the page goes. */
export const NAVIGATING = Symbol('navigating');

/**
 * The controls focus moves to after a failed submit: a field marked invalid, or
 * the checked radio of a group marked invalid (RadioCards marks its fieldset).
 */
const INVALID_CONTROL =
  'input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"], [aria-invalid="true"] input:checked';

export type SubmitSpec<T> = {
  /** The values checked: the data to send, field errors, or null when there is nothing to send. */
  check: () => Checked<T> | null;
  /** Sends the data. Throw to fail: an ApiClientError's details go to the fields, anything else to the banner. */
  send: (data: T) => Promise<unknown>;
  /** The API's error paths as the form's field keys (when the form names its fields differently). */
  fieldKeys?: (errors: FieldErrors) => FieldErrors;
};

export type UseFormOptions = {
  /** The banner's text before any submit (e.g. an error code from the URL). */
  initialError?: string | null;
  /** A failure without a field moves focus to the banner (put `ref={bannerRef} tabIndex={-1}` on it). */
  focusBanner?: boolean;
};

/**
 * Focus an element once React has rendered the state set in the same event
 * (an error banner, the first invalid field). A requestAnimationFrame can run
 * before that render commits, leaving focus on <body>.
 */
export function useFocusAfterRender() {
  const [request, setRequest] = useState(0);
  const find = useRef<() => HTMLElement | null | undefined>(() => null);
  useEffect(() => {
    if (request) find.current()?.focus();
  }, [request]);
  return useCallback((target: () => HTMLElement | null | undefined) => {
    find.current = target;
    setRequest((n) => n + 1);
  }, []);
}

/**
 * A form's errors, banner and pending state, and its submit handler:
 * `<form ref={form.formRef} onSubmit={form.onSubmit({ check, send })} noValidate>`.
 */
export function useForm({ initialError = null, focusBanner = false }: UseFormOptions = {}) {
  const formRef = useRef<HTMLFormElement>(null);
  const bannerRef = useRef<HTMLDivElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);
  const focusLater = useFocusAfterRender();

  const showFieldErrors = (found: FieldErrors) => {
    setErrors(found);
    focusLater(() => formRef.current?.querySelector<HTMLElement>(INVALID_CONTROL));
  };

  function onSubmit<T>({ check, send, fieldKeys = (e) => e }: SubmitSpec<T>) {
    return async (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (pending) return;
      setFormError(null);
      const checked = check();
      if (!checked) return;
      if (checked.errors) return showFieldErrors(checked.errors);
      setErrors({});
      setPending(true);
      let navigating = false;
      try {
        navigating = (await send(checked.data)) === NAVIGATING;
      } catch (err) {
        const byField = err instanceof ApiClientError ? fieldKeys(fieldErrors(err.details)) : {};
        if (Object.keys(byField).length) showFieldErrors(byField);
        else {
          setErrors({});
          setFormError(errorMessage(err));
          if (focusBanner) focusLater(() => bannerRef.current);
        }
      } finally {
        if (!navigating) setPending(false);
      }
    };
  }

  /** Back to a blank form (a dialog opening again). */
  function reset() {
    setErrors({});
    setFormError(null);
    setPending(false);
  }

  return { formRef, bannerRef, errors, setErrors, formError, pending, onSubmit, reset };
}
