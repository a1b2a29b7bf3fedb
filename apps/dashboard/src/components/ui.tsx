import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

export function Card({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  return (
    <section className={wide ? 'card wide' : 'card'} aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** Marks a number that rests on few data. */
export function SmallSample({ show }: { show: boolean }) {
  return show ? (
    <span className="badge muted" title="Fewer than 30 data points: treat with caution">
      few data
    </span>
  ) : null;
}

export function SeverityBadge({ severity, children }: { severity: 'warn' | 'alert'; children: ReactNode }) {
  return <span className={`badge ${severity}`}>{children}</span>;
}

export const fmt = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? '—' : x.toFixed(digits));
export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);

/** Loading, error and empty states, the same everywhere. */
export function Loadable<T>({ query, empty, children }: { query: { data?: T; error: unknown; isPending: boolean }; empty?: (data: T) => boolean; children: (data: T) => ReactNode }) {
  if (query.isPending) return <p className="state" role="status">Loading…</p>;
  if (query.error) {
    const status = query.error instanceof ApiError ? query.error.status : 0;
    if (status === 401) {
      return (
        <p className="state error" role="alert">
          Your session has ended. <a href="/sign-in">Sign in again.</a>
        </p>
      );
    }
    return (
      <p className="state error" role="alert">
        {status === 403 ? 'You do not have access to this view.' : `Could not load: ${(query.error as Error).message}`}
      </p>
    );
  }
  if (empty?.(query.data as T)) return <p className="state">Nothing in scope: widen the filters.</p>;
  return <>{children(query.data as T)}</>;
}
