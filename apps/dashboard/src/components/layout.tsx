import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router';
import { getJson } from '../api/client';
import { canReadOrg, readSession, saveSession } from '../api/session';
import type { Status } from '../api/types';
import { filtersQuery, useFilters } from '../filters/use-filters';
import { FilterBar } from './filter-bar';

function Freshness() {
  const session = readSession();
  const status = useQuery({ queryKey: ['status'], queryFn: () => getJson<Status>('/v1/status'), enabled: !!session && canReadOrg(session.role), refetchInterval: 5_000 });
  if (!status.data) return null;
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(status.data.asOf)) / 1000));
  return (
    <span className="freshness" title={`${status.data.eventsProjected} events projected, ${status.data.deadLetters} dead letters`}>
      {status.data.lag.events === 0 ? `up to date · checked ${seconds} s ago` : `${status.data.lag.events} events behind (${status.data.lag.seconds} s)`}
    </span>
  );
}

/** Page frame: navigation by role (SPEC §7), the global filters, freshness, sign-out. */
export function Layout({ children }: { children: ReactNode }) {
  const session = readSession();
  const navigate = useNavigate();
  const [filters] = useFilters();
  const q = filtersQuery(filters);
  const org = session && canReadOrg(session.role);
  return (
    <div className="app">
      <header>
        <a className="brand" href={`/${q}`}>
          Plumbline
        </a>
        <nav aria-label="Main">
          {org && (
            <>
              <NavLink to={`/${q}`} end>
                Overview
              </NavLink>
              <NavLink to={`/interviewers${q}`}>Interviewers</NavLink>
              <NavLink to={`/signals${q}`}>Signals &amp; drift</NavLink>
              <NavLink to={`/levels${q}`}>Levels</NavLink>
              <NavLink to={`/packs${q}`}>Calibration packs</NavLink>
              <NavLink to={`/reports${q}`}>Reports</NavLink>
            </>
          )}
          {session?.role === 'interviewer' && <NavLink to={`/me${q}`}>My tendencies</NavLink>}
        </nav>
        <span className="who">
          <Freshness />
          {session && (
            <>
              <span>
                {session.sub} · {session.role.replace('_', ' ')}
              </span>
              <button
                type="button"
                onClick={() => {
                  saveSession(null);
                  navigate('/sign-in');
                }}
              >
                Sign out
              </button>
            </>
          )}
        </span>
      </header>
      {session && <FilterBar />}
      <main>{children}</main>
    </div>
  );
}
