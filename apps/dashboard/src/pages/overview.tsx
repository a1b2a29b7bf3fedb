import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { getJson } from '../api/client';
import type { FlagView, SignalView } from '../api/types';
import { ReliabilityOverTime } from '../components/charts';
import { Card, Loadable, SeverityBadge } from '../components/ui';
import { filtersQuery, useFilters } from '../filters/use-filters';

/** What needs attention: flag counts by type and severity, and the top issues to act on. */
export function OverviewPage() {
  const [filters] = useFilters();
  const q = filtersQuery(filters);
  const flags = useQuery({ queryKey: ['flags', q], queryFn: () => getJson<{ asOf: string; flags: FlagView[] }>(`/v1/flags${q}`) });
  const signals = useQuery({ queryKey: ['signals', q], queryFn: () => getJson<{ signals: SignalView[] }>(`/v1/signals${q}`) });
  return (
    <>
      <h1>Overview</h1>
      <Loadable query={flags}>
        {({ flags: list }) => {
          const types = [...new Set(list.map((f) => f.type))].sort();
          const top = [...list].sort((a, b) => (a.severity === b.severity ? a.qValue - b.qValue : a.severity === 'alert' ? -1 : 1)).slice(0, 8);
          return (
            <div className="grid">
              <Card title="Flags by type">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Type</th>
                      <th scope="col">Alert</th>
                      <th scope="col">Warn</th>
                    </tr>
                  </thead>
                  <tbody>
                    {types.map((t) => (
                      <tr key={t}>
                        <td>{t.replace(/_/g, ' ')}</td>
                        <td>{list.filter((f) => f.type === t && f.severity === 'alert').length}</td>
                        <td>{list.filter((f) => f.type === t && f.severity === 'warn').length}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {types.length === 0 && <p className="state">No flags: every interviewer and signal is within bounds.</p>}
              </Card>
              <Card title="Calibration health: do panelists agree? (ICC(1) per month)" wide>
                {signals.data ? <ReliabilityOverTime signals={signals.data.signals} /> : <p className="state">Loading…</p>}
              </Card>
              <Card title="Top issues to act on" wide>
                <ol className="issues">
                  {top.map((f) => (
                    <li key={`${f.type}-${f.subject}-${f.period ?? ''}`}>
                      <SeverityBadge severity={f.severity}>{f.severity}</SeverityBadge>{' '}
                      {f.type.startsWith('signal') ? <Link to={`/signals${q}`}>{f.subject}</Link> : <Link to={`/interviewers/${f.subject}${q}`}>{f.subject}</Link>}{' '}
                      <span className="muted">{f.type.replace(/_/g, ' ')}</span> — {f.message} <span className="muted">q = {f.qValue.toFixed(3)}</span>
                    </li>
                  ))}
                </ol>
              </Card>
            </div>
          );
        }}
      </Loadable>
    </>
  );
}
