// Dates as the members pages show them. Client-side only (rendered after the
// data arrives), so the viewer's locale and time zone cannot cause a
// hydration mismatch.

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export const formatDate = (iso: string) => dateFormat.format(new Date(iso));
export const formatDateTime = (iso: string) => dateTimeFormat.format(new Date(iso));

/** "in 6 days", "in 5 hours", "in 3 minutes". */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs >= 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
  if (abs >= 3_600) return relative.format(Math.round(seconds / 3_600), 'hour');
  if (abs >= 60) return relative.format(Math.round(seconds / 60), 'minute');
  return relative.format(seconds, 'second');
}
