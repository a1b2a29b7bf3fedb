import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { getJson } from '../api/client';
import type { InterviewerDetail } from '../api/types';
import { CusumChart, DistributionChart, ForestPlot } from '../components/charts';
import { ScorecardsTable } from '../components/scorecards-table';
import { Card, fmt, Loadable, pct, SeverityBadge, SmallSample } from '../components/ui';
import { filtersQuery, useFilters } from '../filters/use-filters';

/** One interviewer's evidence; also the body of "My tendencies". */
export function InterviewerView({ detail, query }: { detail: InterviewerDetail; query: string }) {
  const sev = detail.severity;
  return (
    <div className="grid">
      {detail.baseline?.withheld && (
        <p className="state" role="note">
          {detail.baseline.note}
        </p>
      )}
      <Card title="Flags" wide>
        {detail.flags.length === 0 ? (
          <p className="state">No flags.</p>
        ) : (
          <ul className="issues">
            {detail.flags.map((f) => (
              <li key={f.type}>
                <SeverityBadge severity={f.severity}>{f.type.replace(/_/g, ' ')}</SeverityBadge> {f.message}{' '}
                <span className="muted">
                  (n = {f.evidence.n}, p = {f.evidence.pValue.toExponential(1)}, q = {f.qValue.toFixed(3)})
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Severity">
        {sev ? (
          <>
            <p className="big">
              {fmt(sev.estimate)} <span className="muted">points (95% interval {fmt(sev.ciLow)} to {fmt(sev.ciHigh)})</span>
            </p>
            <ForestPlot rows={[{ id: detail.interviewerId, estimate: sev.estimate, low: sev.ciLow, high: sev.ciHigh }]} />
          </>
        ) : (
          <p className="state">Not enough overlap with other interviewers to estimate.</p>
        )}
        <SmallSample show={detail.smallSample} />
      </Card>
      <Card title="Agreement">
        <dl>
          <dt>Recommendation matches the decision</dt>
          <dd>
            {pct(detail.decisionAgreement.rate)} (κ {fmt(detail.decisionAgreement.kappa)}, AUC {fmt(detail.decisionAgreement.auc)}, n {detail.decisionAgreement.n}) <SmallSample show={detail.decisionAgreement.n < 30} />
          </dd>
          <dt>Agrees with the other panelists' majority</dt>
          <dd>
            {pct(detail.panelAgreement.rate)} (n {detail.panelAgreement.n})
          </dd>
          <dt>Halo: every signal rated the same</dt>
          <dd>
            {detail.halo ? `${pct(detail.halo.share)} of ${detail.halo.n} scorecards` : '—'}
            {detail.halo?.orgShare !== undefined && detail.halo?.orgShare !== null && ` (org ${pct(detail.halo.orgShare)})`}
          </dd>
          <dt>Rating spread vs the org</dt>
          <dd>{detail.rangeRestriction ? `${pct(detail.rangeRestriction.varianceRatio)} of the org's variance` : '—'}</dd>
          <dt>Recommended level vs final level (hires)</dt>
          <dd>
            {detail.levels.matched} matched, {detail.levels.above} above, {detail.levels.below} below (n {detail.levels.n})
          </dd>
        </dl>
      </Card>
      <Card title="Drift over time (CUSUM)" wide>
        {detail.drift.alarm ? (
          <p>
            Ratings shifted <strong>{detail.drift.alarm.direction}</strong> from <strong>{detail.drift.alarm.onset?.slice(0, 10)}</strong>
            {detail.drift.alarm.shiftSd !== null && ` by ${fmt(Math.abs(detail.drift.alarm.shiftSd), 1)} σ`}.
          </p>
        ) : (
          <p className="muted">No sustained shift.</p>
        )}
        <CusumChart series={detail.drift.series} onset={detail.drift.alarm?.onset ?? null} />
      </Card>
      {detail.distribution.map((d) => (
        <Card key={d.signal} title={`Ratings: ${d.signal.replace(/_/g, ' ')}`}>
          <DistributionChart counts={d.counts} orgCounts={d.orgCounts} />
        </Card>
      ))}
      <Card title="Scorecards" wide>
        <ScorecardsTable interviewerId={detail.interviewerId} query={query} />
      </Card>
    </div>
  );
}

export function InterviewerDetailPage() {
  const { id = '' } = useParams();
  const [filters] = useFilters();
  const q = filtersQuery(filters);
  const query = useQuery({ queryKey: ['interviewer', id, q], queryFn: () => getJson<InterviewerDetail>(`/v1/interviewers/${encodeURIComponent(id)}${q}`) });
  return (
    <>
      <h1>{id}</h1>
      <Loadable query={query}>{(detail) => <InterviewerView detail={detail} query={q} />}</Loadable>
    </>
  );
}
