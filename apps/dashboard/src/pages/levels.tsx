import { useQuery } from '@tanstack/react-query';
import { getJson } from '../api/client';
import type { LevelView } from '../api/types';
import { Card, fmt, Loadable, pct, SmallSample } from '../components/ui';
import { filtersQuery, useFilters } from '../filters/use-filters';

/** Hire, up-level and down-level rates by target level, and mean ratings by level. */
export function LevelsPage() {
  const [filters] = useFilters();
  const q = filtersQuery(filters);
  const query = useQuery({ queryKey: ['levels', q], queryFn: () => getJson<{ asOf: string; levels: LevelView[] }>(`/v1/levels${q}`) });
  return (
    <>
      <h1>Levels</h1>
      <Loadable query={query} empty={(d) => d.levels.length === 0}>
        {({ levels }) => {
          const signals = [...new Set(levels.flatMap((l) => Object.keys(l.meanRating)))].sort();
          return (
            <Card title="By target level" wide>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Target level</th>
                    <th scope="col">Candidates</th>
                    <th scope="col">Hire rate</th>
                    <th scope="col">Up-levelled</th>
                    <th scope="col">Down-levelled</th>
                    {signals.map((s) => (
                      <th scope="col" key={s}>
                        mean {s.replace(/_/g, ' ')}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {levels.map((l) => (
                    <tr key={l.targetLevel}>
                      <td>
                        {l.targetLevel} <SmallSample show={l.smallSample} />
                      </td>
                      <td className="num">{l.candidates}</td>
                      <td className="num">{pct(l.hireRate)}</td>
                      <td className="num">{pct(l.upLevelRate)}</td>
                      <td className="num">{pct(l.downLevelRate)}</td>
                      {signals.map((s) => (
                        <td className="num" key={s}>
                          {fmt(l.meanRating[s])}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          );
        }}
      </Loadable>
    </>
  );
}
