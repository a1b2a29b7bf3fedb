import { useQuery } from '@tanstack/react-query';
import { getJson } from '../api/client';
import type { SignalView } from '../api/types';
import { DistributionChart, DistributionOverTime, PsiChart, ValidityOverTime } from '../components/charts';
import { Card, fmt, Loadable, SeverityBadge, SmallSample } from '../components/ui';
import { filtersQuery, useFilters } from '../filters/use-filters';

/** Per signal: drift per period (PSI against thresholds and its null cut-off), validity, reliability. */
export function SignalsPage() {
  const [filters] = useFilters();
  const q = filtersQuery(filters);
  const query = useQuery({
    queryKey: ['signals', q],
    queryFn: () => getJson<{ asOf: string; signals: SignalView[]; rubricVersions: { rubricId: string; version: number; publishedAt: string }[] }>(`/v1/signals${q}`),
  });
  return (
    <>
      <h1>Signals &amp; drift</h1>
      <Loadable query={query} empty={(d) => d.signals.length === 0}>
        {({ signals, rubricVersions }) => (
          <div className="grid">
            {signals.map((s) => {
              const drifting = s.drift.filter((d) => d.status === 'warn' || d.status === 'alert');
              return (
                <Card key={`${s.rubricId}-${s.signal}`} title={`${s.signal.replace(/_/g, ' ')} · ${s.rubricId}`} wide>
                  <p data-signal={s.signal}>
                    {drifting.length > 0 ? (
                      drifting.map((d) => (
                        <SeverityBadge key={d.period} severity={d.status as 'warn' | 'alert'}>
                          drift {d.period}
                        </SeverityBadge>
                      ))
                    ) : (
                      <span className="muted">stable</span>
                    )}{' '}
                    · point-biserial {fmt(s.validity.pointBiserial)} · AUC {fmt(s.validity.auc)} · Spearman vs level {fmt(s.validity.spearmanLevel)} · ICC(1) {fmt(s.reliability.icc1)} ·
                    Krippendorff α {fmt(s.reliability.krippendorffAlpha)} <SmallSample show={s.smallSample} />
                  </p>
                  <div className="pair">
                    <div>
                      <h3>Ratings over time (rubric versions marked)</h3>
                      <DistributionOverTime
                        drift={s.drift}
                        markers={rubricVersions.filter((v) => v.rubricId === s.rubricId && v.version > 1).map((v) => ({ period: v.publishedAt.slice(0, 7), label: `v${v.version}` }))}
                      />
                    </div>
                    <div>
                      <h3>Validity over time</h3>
                      <ValidityOverTime drift={s.drift} />
                    </div>
                    <div>
                      <h3>PSI per period</h3>
                      <PsiChart drift={s.drift} />
                    </div>
                    <div>
                      <h3>Ratings</h3>
                      <DistributionChart counts={s.distribution} label="Share of ratings" />
                    </div>
                  </div>
                </Card>
              );
            })}
          </div>
        )}
      </Loadable>
    </>
  );
}
