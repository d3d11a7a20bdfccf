'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

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
