import { useQuery } from '@tanstack/react-query';
import { getJson } from '../api/client';
import type { InterviewerDetail } from '../api/types';
import { Loadable } from '../components/ui';
import { filtersQuery, useFilters } from '../filters/use-filters';
import { InterviewerView } from './interviewer-detail';

/** The sentence an interviewer reads first: their severity in plain words, and where it comes from. */
function summary(detail: InterviewerDetail): string {
  const sev = detail.severity;
  if (!sev) return 'There is not enough overlap with other interviewers yet to compare your ratings.';
  const points = Math.abs(sev.estimate).toFixed(1);
  const signal = detail.distribution
    .map((d) => ({ signal: d.signal, lift: mean(d.counts) - (d.orgCounts ? mean(d.orgCounts) : mean(d.counts)) }))
    .sort((a, b) => Math.abs(b.lift) - Math.abs(a.lift))[0];
  const where = signal && detail.baseline && !detail.baseline.withheld ? `, mostly on ${signal.signal.replace(/_/g, ' ')}` : '';
  if (sev.ciLow <= 0 && sev.ciHigh >= 0) return `You rate in line with peers on the same candidates (${sev.estimate >= 0 ? '+' : '−'}${points} points, within the margin of error).`;
  return `You rate ${points} points ${sev.estimate > 0 ? 'above' : 'below'} peers on the same candidates${where}.`;
}

function mean(counts: Record<string, number>): number {
  const total = Object.values(counts).reduce((a, b) => a + b, 0) || 1;
  return Object.entries(counts).reduce((sum, [v, c]) => sum + Number(v) * c, 0) / total;
}

export function MePage() {
  const [filters] = useFilters();
  const q = filtersQuery(filters);
  const query = useQuery({ queryKey: ['me', q], queryFn: () => getJson<InterviewerDetail & { note?: string }>(`/v1/me${q}`) });
  return (
    <>
      <h1>My tendencies</h1>
      <Loadable query={query}>
        {(detail) =>
          detail.note ? (
            <p className="state">{detail.note}</p>
          ) : (
            <>
              <p className="lead">{summary(detail)}</p>
              <InterviewerView detail={detail} query={q} />
            </>
          )
        }
      </Loadable>
    </>
  );
}
