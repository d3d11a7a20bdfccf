'use client';

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { cn } from './cn';
import { AlertIcon, CheckIcon, InfoIcon, XIcon } from './icons';

export type ToastVariant = 'neutral' | 'success' | 'warning' | 'danger';

export type ToastOptions = {
  title: ReactNode;
  description?: ReactNode;
  variant?: ToastVariant;
  /** Milliseconds before it disappears (default 4000); Infinity keeps it until dismissed. */
  duration?: number;
};

type ToastRecord = ToastOptions & { id: number };

type ToastApi = {
  /** Shows a toast and returns its id. */
  toast: (options: ToastOptions) => number;
  dismiss: (id: number) => void;
};

const ToastContext = createContext<ToastApi | null>(null);

const MAX_VISIBLE = 5;

/** Put once near the root of the app (client side); renders the polite live region. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastRecord[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((t) => t.id !== id));
  }, []);

  const toast = useCallback((options: ToastOptions) => {
    const id = nextId.current++;
    setToasts((current) => [...current.slice(-(MAX_VISIBLE - 1)), { ...options, id }]);
    return id;
  }, []);

  const api = useMemo(() => ({ toast, dismiss }), [toast, dismiss]);

  return (
    <ToastContext value={api}>
      {children}
      <section aria-label="Notifications" className="pointer-events-none fixed right-4 bottom-4 left-4 z-[60] sm:left-auto">
        <ol aria-live="polite" aria-relevant="additions text" className="flex flex-col items-end gap-2">
          {toasts.map((t) => (
            <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
          ))}
        </ol>
      </section>
    </ToastContext>
  );
}

/** `const { toast } = useToast(); toast({ title: "Token revoked", variant: "success" })` */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast() must be used inside <ToastProvider>.');
  return api;
}

const icons: Record<ToastVariant, ReactNode> = {
  neutral: <InfoIcon className="text-fg-muted" />,
  success: <CheckIcon className="text-success-600" />,
  warning: <AlertIcon className="text-warning-600" />,
  danger: <AlertIcon className="text-danger-600" />,
};

const accents: Record<ToastVariant, string> = {
  neutral: 'border-l-border-strong',
  success: 'border-l-success-500',
  warning: 'border-l-warning-500',
  danger: 'border-l-danger-500',
};

function ToastItem({ toast, onDismiss }: { toast: ToastRecord; onDismiss: (id: number) => void }) {
  const { id, title, description, variant = 'neutral', duration = 4000 } = toast;
  // Paused while hovered or focused, so the message can be read and the close button reached.
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const remaining = useRef(duration);
  const paused = hovered || focused;

  useEffect(() => {
    if (paused || !Number.isFinite(remaining.current)) return;
    const started = Date.now();
    const timer = window.setTimeout(() => onDismiss(id), Math.max(0, remaining.current));
    return () => {
      window.clearTimeout(timer);
      remaining.current -= Date.now() - started;
    };
  }, [paused, id, onDismiss]);

  return (
    <li
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setFocused(false);
      }}
      className={cn(
        'pointer-events-auto flex w-full max-w-sm items-start gap-2.5 rounded-lg border border-l-4 border-border bg-surface py-3 pr-2 pl-3 shadow-lg',
        accents[variant],
      )}
    >
      <span className="mt-0.5">{icons[variant]}</span>
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-fg">{title}</p>
        {description ? <p className="mt-0.5 text-sm text-fg-muted">{description}</p> : null}
      </div>
      <button
        type="button"
        aria-label="Dismiss notification"
        onClick={() => onDismiss(id)}
        className="-my-1 rounded-md p-1 text-fg-subtle transition-colors hover:bg-subtle hover:text-fg"
      >
        <XIcon />
      </button>
    </li>
  );
}
