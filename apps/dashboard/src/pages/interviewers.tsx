import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { getJson } from '../api/client';
import type { InterviewerSummary } from '../api/types';
import { ForestPlot } from '../components/charts';
import { Card, fmt, Loadable, pct, SeverityBadge, SmallSample } from '../components/ui';
import { filtersQuery, useFilters } from '../filters/use-filters';

type SortKey = 'interviewerId' | 'scorecards' | 'severity' | 'agreement';
const sorters: Record<SortKey, (i: InterviewerSummary) => number | string> = {
  interviewerId: (i) => i.interviewerId,
  scorecards: (i) => i.scorecards,
  severity: (i) => i.severity?.estimate ?? 0,
  agreement: (i) => i.decisionAgreement.rate ?? 0,
};

/** Every interviewer in scope, sortable and filterable, with severity on a forest plot. */
export function InterviewersPage() {
  const [filters] = useFilters();
  const q = filtersQuery(filters);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'severity', desc: true });
  const [search, setSearch] = useState('');
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const query = useQuery({ queryKey: ['interviewers', q], queryFn: () => getJson<{ asOf: string; interviewers: InterviewerSummary[] }>(`/v1/interviewers${q}`) });
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="link" onClick={() => setSort({ key, desc: sort.key === key ? !sort.desc : true })}>
        {label}
      </button>
    </th>
  );
  return (
    <>
      <h1>Interviewers</h1>
      <Loadable query={query} empty={(d) => d.interviewers.length === 0}>
        {({ interviewers }) => {
          const rows = interviewers
            .filter((i) => i.interviewerId.includes(search) && (!flaggedOnly || i.flags.length > 0))
            .sort((a, b) => {
              const [x, y] = [sorters[sort.key](a), sorters[sort.key](b)];
              return (x < y ? -1 : x > y ? 1 : 0) * (sort.desc ? -1 : 1);
            });
          return (
            <>
              <div className="toolbar">
                <label>
                  Find <input value={search} onChange={(e) => setSearch(e.target.value)} placeholder="interviewer id" />
                </label>
                <label>
                  <input type="checkbox" checked={flaggedOnly} onChange={(e) => setFlaggedOnly(e.target.checked)} /> flagged only
                </label>
              </div>
              <Card title="Interviewers" wide>
                <table className="interviewers">
                  <thead>
                    <tr>
                      {header('interviewerId', 'Interviewer')}
                      {header('scorecards', 'Scorecards')}
                      {header('severity', 'Severity (95% interval)')}
                      {header('agreement', 'Decision agreement (κ)')}
                      <th scope="col">Panel agreement</th>
                      <th scope="col">Flags</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((i) => (
                      <tr key={i.interviewerId} data-interviewer={i.interviewerId}>
                        <td>
                          <Link to={`/interviewers/${i.interviewerId}${q}`}>{i.interviewerId}</Link> <SmallSample show={i.smallSample} />
                        </td>
                        <td className="num">{i.scorecards}</td>
                        <td className="num">{i.severity ? `${fmt(i.severity.estimate)} (${fmt(i.severity.ciLow)} to ${fmt(i.severity.ciHigh)})` : '—'}</td>
                        <td className="num">
                          {pct(i.decisionAgreement.rate)} ({fmt(i.decisionAgreement.kappa)}) <SmallSample show={i.decisionAgreement.n < 30} />
                        </td>
                        <td className="num">{pct(i.panelAgreement.rate)}</td>
                        <td>
                          {i.flags.map((f) => (
                            <SeverityBadge key={f.type} severity={f.severity}>
                              {f.type.replace(/_/g, ' ')}
                            </SeverityBadge>
                          ))}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Card>
              <Card title="Severity: candidate-adjusted leniency with 95% intervals (flagged interviewers)" wide>
                <ForestPlot
                  rows={rows
                    .filter((i) => i.severity && i.flags.some((f) => f.type === 'lenient' || f.type === 'harsh'))
                    .map((i) => ({ id: i.interviewerId, estimate: i.severity!.estimate, low: i.severity!.ciLow, high: i.severity!.ciHigh }))}
                />
              </Card>
            </>
          );
        }}
      </Loadable>
    </>
  );
}
