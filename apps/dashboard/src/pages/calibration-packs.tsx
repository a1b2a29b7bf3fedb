import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { getJson } from '../api/client';
import { Card, Loadable } from '../components/ui';
import { filtersQuery, useFilters } from '../filters/use-filters';

interface Pack {
  candidateId: string;
  targetLevel: string;
  decision: string | null;
  disagreement: number;
  splitRecommendation: boolean;
  panelists: { interviewerId: string; scorecardId: string; overall: string; interviewedAt: string; ratings: Record<string, number> }[];
}

/** Cell shading by rating, low to high, with the number always printed (colour is never the only cue). */
const shade = (rating: number | undefined) => (rating === undefined ? undefined : ['#fbe3d6', '#fdf1dc', '#e3f1ec', '#cfe5f3'][Math.max(0, Math.min(3, rating - 1))]);

/** The agenda of a calibration meeting: candidates the panel disagreed on most, ratings side by side. */
export function CalibrationPacksPage() {
  const [filters] = useFilters();
  const q = filtersQuery(filters);
  const query = useQuery({ queryKey: ['packs', q], queryFn: () => getJson<{ asOf: string; candidates: Pack[] }>(`/v1/calibration-packs${q}`) });
  return (
    <>
      <h1>Calibration packs</h1>
      <p className="muted">Candidates in scope whose panel disagreed most (mean spread of ratings per signal), each panelist's ratings side by side.</p>
      <Loadable query={query} empty={(d) => d.candidates.length === 0}>
        {({ candidates }) => (
          <div className="grid">
            {candidates.map((pack) => {
              const signals = [...new Set(pack.panelists.flatMap((p) => Object.keys(p.ratings)))].sort();
              return (
                <Card key={pack.candidateId} title={`${pack.candidateId} · ${pack.targetLevel} · ${pack.decision ?? 'no decision'}`}>
                  <p className="muted">
                    spread {pack.disagreement.toFixed(2)} points{pack.splitRecommendation ? ' · recommendations split' : ''}
                  </p>
                  <table aria-label={`Ratings of ${pack.candidateId}`}>
                    <thead>
                      <tr>
                        <th scope="col">Signal</th>
                        {pack.panelists.map((p) => (
                          <th scope="col" key={p.scorecardId}>
                            <Link to={`/interviewers/${p.interviewerId}${q}`}>{p.interviewerId}</Link>
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {signals.map((signal) => (
                        <tr key={signal}>
                          <td>{signal.replace(/_/g, ' ')}</td>
                          {pack.panelists.map((p) => (
                            <td className="num" key={p.scorecardId} style={{ background: shade(p.ratings[signal]) }}>
                              {p.ratings[signal] ?? '—'}
                            </td>
                          ))}
                        </tr>
                      ))}
                      <tr>
                        <td>overall</td>
                        {pack.panelists.map((p) => (
                          <td key={p.scorecardId}>{p.overall.replace(/_/g, ' ')}</td>
                        ))}
                      </tr>
                    </tbody>
                  </table>
                </Card>
              );
            })}
          </div>
        )}
      </Loadable>
    </>
  );
}
