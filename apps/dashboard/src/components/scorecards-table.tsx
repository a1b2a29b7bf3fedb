import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { getJson } from '../api/client';

interface ScorecardPage {
  page: number;
  pageSize: number;
  total: number;
  scorecards: { scorecardId: string; candidateId: string; targetLevel: string; overall: string; interviewedAt: string; decision: string; ratings: Record<string, number> }[];
}

/** An interviewer's scorecards, newest first, paged by the API. */
export function ScorecardsTable({ interviewerId, query }: { interviewerId: string; query: string }) {
  const [page, setPage] = useState(1);
  const separator = query ? '&' : '?';
  const result = useQuery({
    queryKey: ['scorecards', interviewerId, query, page],
    queryFn: () => getJson<ScorecardPage>(`/v1/interviewers/${encodeURIComponent(interviewerId)}/scorecards${query}${separator}page=${page}`),
  });
  if (!result.data) return <p className="state">{result.error ? 'Could not load the scorecards.' : 'Loading…'}</p>;
  const { scorecards, total, pageSize } = result.data;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const signals = [...new Set(scorecards.flatMap((s) => Object.keys(s.ratings)))].sort();
  return (
    <>
      <table aria-label="Scorecards">
        <thead>
          <tr>
            <th scope="col">Interviewed</th>
            <th scope="col">Candidate</th>
            <th scope="col">Target level</th>
            {signals.map((s) => (
              <th scope="col" key={s}>
                {s.replace(/_/g, ' ')}
              </th>
            ))}
            <th scope="col">Overall</th>
            <th scope="col">Decision</th>
          </tr>
        </thead>
        <tbody>
          {scorecards.map((s) => (
            <tr key={s.scorecardId}>
              <td>{s.interviewedAt.slice(0, 10)}</td>
              <td>{s.candidateId}</td>
              <td>{s.targetLevel}</td>
              {signals.map((signal) => (
                <td className="num" key={signal}>
                  {s.ratings[signal] ?? '—'}
                </td>
              ))}
              <td>{s.overall.replace(/_/g, ' ')}</td>
              <td>{s.decision ? s.decision.replace(/_/g, ' ') : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav className="pager" aria-label="Scorecard pages">
        <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          Previous
        </button>
        <span>
          page {page} of {pages} · {total} scorecards
        </span>
        <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          Next
        </button>
      </nav>
    </>
  );
}
