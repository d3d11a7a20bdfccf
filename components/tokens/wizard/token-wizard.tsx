'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card, CardContent, CardFooter } from '@/components/ui/card';
import { FormError } from '@/components/ui/form-error';
import { CheckIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { ApiClientError, apiFetch, errorMessage, fieldErrors } from '@/lib/http/client';
import type { CreatedToken } from '../model';
import { tokensKey, TOKENS_PATH, useRepos, useScopes } from '../queries';
import { TokenReveal } from '../token-reveal';
import { DetailsStep } from './details-step';
import { ResourceAccess, rowRepoId } from './resource-access';
import { ReviewStep } from './review-step';
import { ScopeAccess } from './scope-access';
import { checkSteps, firstStepWithErrors, initialState, LAST_STEP, stepOf, STEPS, toWizardErrors, type StepIndex, type WizardState } from './state';
import { Stepper } from './stepper';
import { TypeStep } from './type-step';

export type TokenWizardProps = {
  org: { slug: string; name: string };
  /** PUBLIC_URL, for the copy-paste commands. */
  publicUrl?: string;
};

type Focus = { to: 'step' | 'invalid' | 'reveal' | 'element'; elementId?: string; n: number };

/**
 * Create a personal access token in four steps (Details, Type, Access,
 * Review), validated with the API's own schema at every step; API errors go
 * back to the step and field they belong to. The secret of the created token
 * is shown once, from component state only.
 */
export function TokenWizard({ org, publicUrl }: TokenWizardProps) {
  const id = useId();
  const router = useRouter();
  const queryClient = useQueryClient();
  const scopes = useScopes();
  const repos = useRepos(org.slug);
  const [step, setStep] = useState<StepIndex>(0);
  const [reached, setReached] = useState<StepIndex>(0);
  const [state, setState] = useState<WizardState>(initialState);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // The secret lives here and nowhere else: not in the URL, storage or the query cache.
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [focus, setFocus] = useState<Focus | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const scopeOrder = (scopes.data ?? []).map((s) => s.scope);
  const repoOrder = (repos.data ?? []).map((r) => r.name);

  useEffect(() => {
    if (!focus) return;
    const root = rootRef.current;
    if (focus.to === 'invalid') {
      const invalid = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
      (invalid ?? headingRef.current)?.focus();
    } else if (focus.to === 'reveal') {
      root?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    } else if (focus.to === 'element' && focus.elementId) {
      document.getElementById(focus.elementId)?.focus();
    } else {
      headingRef.current?.focus();
    }
  }, [focus]);

  const requestFocus = (to: Focus['to'], elementId?: string) => setFocus((f) => ({ to, elementId, n: (f?.n ?? 0) + 1 }));

  function update(patch: Partial<WizardState>) {
    setState((s) => ({ ...s, ...patch }));
    // An edited field's error is stale; the others stay until the next check.
    setErrors((e) => {
      const stale = Object.keys(patch).flatMap((k) =>
        k === 'expiry' || k === 'expiryDate'
          ? ['expiry', 'expiryDate']
          : k === 'rows'
            ? Object.keys(e).filter((x) => x === 'rows' || x.startsWith('rows.'))
            : k === 'scopes'
              ? Object.keys(e).filter((x) => x === 'scopes' || x.startsWith('scope:'))
              : k === 'repositories' || k === 'coverage'
                ? Object.keys(e).filter((x) => x === 'repositories' || x.startsWith('repo:'))
                : [k],
      );
      if (!stale.some((k) => k in e)) return e;
      return Object.fromEntries(Object.entries(e).filter(([k]) => !stale.includes(k)));
    });
  }

  function goTo(next: StepIndex) {
    setStep(next);
    setReached((r) => (next > r ? next : r));
    setFormError(null);
    requestFocus('step');
  }

  function showErrors(found: Record<string, string>, banner: string | null) {
    const first = firstStepWithErrors(found) ?? step;
    setErrors(found);
    setStep(first);
    setFormError(banner);
    requestFocus('invalid');
  }

  async function create() {
    const { built, errors: found } = checkSteps(org.slug, state, 2, scopeOrder, repoOrder);
    if (Object.keys(found).length) return showErrors(found, 'Some fields need attention before the token can be created.');
    setPending(true);
    setFormError(null);
    try {
      const result = await apiFetch<CreatedToken>(TOKENS_PATH, { method: 'POST', body: built.body });
      setCreated(result);
      setErrors({});
      requestFocus('reveal');
      void queryClient.invalidateQueries({ queryKey: tokensKey });
    } catch (err) {
      const byField = err instanceof ApiClientError ? toWizardErrors(fieldErrors(err.details), built, state.expiry) : {};
      const { form, ...fields } = byField;
      const message = [errorMessage(err), form].filter(Boolean).join(' ');
      if (Object.keys(fields).length) showErrors(fields, message);
      else {
        setFormError(message);
        requestFocus('invalid');
      }
    } finally {
      setPending(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (step === LAST_STEP) {
      void create();
      return;
    }
    if (step === 2 && state.type === 'scope' && !scopes.data) return; // still loading
    const { errors: found } = checkSteps(org.slug, state, step, scopeOrder, repoOrder);
    const here = Object.fromEntries(Object.entries(found).filter(([k]) => stepOf(k) === step));
    if (Object.keys(here).length) {
      setErrors(here);
      setFormError(null);
      requestFocus('invalid');
      return;
    }
    setErrors({});
    goTo((step + 1) as StepIndex);
  }

  if (created) {
    return (
      <div ref={rootRef}>
        <PageHeader
          title="Your new token"
          description={`“${created.token.name}” is ready for ${org.name}. Store it somewhere safe, such as your CI system’s secret store.`}
        />
        <Card className="max-w-3xl">
          <CardContent>
            <TokenReveal org={org.slug} created={created} publicUrl={publicUrl} />
          </CardContent>
          <CardFooter>
            <Button
              type="button"
              onClick={() => {
                void queryClient.invalidateQueries({ queryKey: tokensKey });
                router.push(`/${org.slug}/tokens`);
              }}
            >
              <CheckIcon />
              Done
            </Button>
          </CardFooter>
        </Card>
      </div>
    );
  }

  const current = STEPS[step];
  const invalidSteps = new Set(Object.keys(errors).map(stepOf));
  const listHref = `/${org.slug}/tokens`;
  const loadingAccess = step === 2 && (repos.isPending || (state.type === 'scope' && scopes.isPending));
  const accessFailed = step === 2 && (repos.isError || (state.type === 'scope' && scopes.isError));

  return (
    <div ref={rootRef}>
      <PageHeader
        title="New personal access token"
        description={`A token lets package tools, CI jobs and scripts act as you in ${org.name}, limited to what you grant here.`}
        actions={
          <Link href={listHref} className={buttonClasses('secondary')}>
            Cancel
          </Link>
        }
      />
      <div className="max-w-4xl space-y-5">
        <Stepper
          steps={STEPS}
          current={step}
          reached={reached}
          invalid={invalidSteps}
          onSelect={(i) => goTo(i as StepIndex)}
          disabled={pending}
        />
        <form onSubmit={onSubmit} noValidate>
          <Card>
            <CardContent className="space-y-5 py-5">
              <div>
                <p className="text-xs font-medium text-fg-muted">
                  Step {step + 1} of {STEPS.length}
                </p>
                <h2
                  id={`${id}-step-title`}
                  ref={headingRef}
                  tabIndex={-1}
                  className="text-base font-semibold text-fg focus:outline-none"
                >
                  {current.title}
                </h2>
                <p className="mt-0.5 text-sm text-fg-muted">{current.description}</p>
              </div>
              <FormError tabIndex={-1}>{formError}</FormError>

              {step === 0 ? <DetailsStep id={id} state={state} update={update} errors={errors} /> : null}
              {step === 1 ? <TypeStep id={id} state={state} update={update} errors={errors} /> : null}
              {step === 2 && loadingAccess ? (
                <div aria-busy="true" className="space-y-3">
                  <span className="sr-only">Loading repositories and scopes</span>
                  <Skeleton className="h-20 w-full" />
                  <Skeleton className="h-20 w-full" />
                </div>
              ) : null}
              {accessFailed ? (
                <FormError title="The repositories or scopes could not be loaded.">
                  {errorMessage(repos.error ?? scopes.error)}{' '}
                  <button
                    type="button"
                    className="font-medium underline"
                    onClick={() => {
                      void repos.refetch();
                      void scopes.refetch();
                    }}
                  >
                    Try again
                  </button>
                </FormError>
              ) : null}
              {step === 2 && !loadingAccess && !accessFailed ? (
                state.type === 'resource' ? (
                  <ResourceAccess
                    id={id}
                    org={org.slug}
                    state={state}
                    update={update}
                    errors={errors}
                    repos={repos.data ?? []}
                    onRowAdded={(key) => requestFocus('element', rowRepoId(id, key))}
                  />
                ) : (
                  <ScopeAccess
                    id={id}
                    org={org.slug}
                    state={state}
                    update={update}
                    errors={errors}
                    scopes={scopes.data ?? []}
                    repos={repos.data ?? []}
                  />
                )
              ) : null}
              {step === 3 ? <ReviewStep org={org.slug} state={state} scopes={scopes.data ?? []} onEdit={goTo} /> : null}
            </CardContent>
            <CardFooter className="justify-between">
              <div>
                {step > 0 ? (
                  <Button type="button" variant="secondary" onClick={() => goTo((step - 1) as StepIndex)} disabled={pending}>
                    Back
                  </Button>
                ) : null}
              </div>
              {step < LAST_STEP ? (
                <Button type="submit" disabled={loadingAccess}>
                  Next
                </Button>
              ) : (
                <Button type="submit" loading={pending}>
                  Create token
                </Button>
              )}
            </CardFooter>
          </Card>
        </form>
      </div>
    </div>
  );
}
