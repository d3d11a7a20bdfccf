'use client';

// Downloads (bars, left axis) and bytes (line, right axis) per day, drawn by
// recharts; the same numbers as a table for screen readers and tests.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatBytes } from '@/components/repos/format';
import type { UsageDay } from './types';

const DAY_MS = 86_400_000;
export const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Every day of [from, to] (UTC), the missing ones as zeros. */
export function fillDays(days: readonly UsageDay[], from: string, to: string): UsageDay[] {
  const byDate = new Map(days.map((d) => [d.date.slice(0, 10), d]));
  const out: UsageDay[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    const date = isoDay(t);
    const d = byDate.get(date);
    out.push({ date, downloads: d?.downloads ?? 0, bytes: d?.bytes ?? 0, clients: d?.clients ?? 0 });
  }
  return out;
}

const short = (date: string) => date.slice(5);

export function UsageChart({ days, label }: { days: UsageDay[]; label: string }) {
  const active = days.filter((d) => d.downloads > 0);
  return (
    <figure aria-label={label} className="space-y-2">
      <div className="h-64 w-full" aria-hidden="true" data-testid="usage-chart">
        <ResponsiveContainer width="100%" height="100%" minWidth={0} initialDimension={{ width: 640, height: 256 }}>
          <ComposedChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--color-border)" />
            <XAxis dataKey="date" tickFormatter={short} tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis yAxisId="downloads" allowDecimals={false} tick={{ fontSize: 11 }} width={36} />
            <YAxis yAxisId="bytes" orientation="right" tickFormatter={(v: number) => formatBytes(v)} tick={{ fontSize: 11 }} width={64} />
            <Tooltip formatter={(value, name) => (name === 'Bytes' ? formatBytes(Number(value)) : String(value))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar yAxisId="downloads" dataKey="downloads" name="Downloads" fill="var(--color-brand-500)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
            <Line yAxisId="bytes" dataKey="bytes" name="Bytes" stroke="var(--color-warning-600)" dot={false} strokeWidth={2} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-fg-muted">
        {active.length ? `${active.reduce((n, d) => n + d.downloads, 0)} downloads on ${active.length} ${active.length === 1 ? 'day' : 'days'}.` : 'No downloads in this period.'}
      </figcaption>
      <table className="sr-only" aria-label="Downloads per day">
        <thead>
          <tr>
            <th>Day</th>
            <th>Downloads</th>
            <th>Bytes</th>
            <th>Distinct clients</th>
          </tr>
        </thead>
        <tbody>
          {active.map((d) => (
            <tr key={d.date}>
              <td>{d.date}</td>
              <td>{d.downloads}</td>
              <td>{d.bytes}</td>
              <td>{d.clients}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
