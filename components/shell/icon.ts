import type { Metadata } from 'next';

// The Tollgate mark as an inline favicon: pages that declare it never make
// the browser ask for /favicon.ico (which would otherwise hit the [org] route).
const svg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#4f46c8"/>' +
  '<path d="M8 24V10M8 12.5h16" stroke="#fff" stroke-width="2.5" stroke-linecap="round"/>' +
  '<path d="M13 12.5v3M18 12.5v3M8 24h16" stroke="#fff" stroke-opacity=".7" stroke-width="2" stroke-linecap="round"/></svg>';

export const ICONS: Metadata['icons'] = { icon: [{ url: `data:image/svg+xml,${encodeURIComponent(svg)}`, type: 'image/svg+xml' }] };
