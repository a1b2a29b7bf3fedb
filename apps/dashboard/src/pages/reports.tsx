import { useState } from 'react';
import { download } from '../api/client';
import { readSession } from '../api/session';
import { Card } from '../components/ui';
import { filtersQuery, useFilters } from '../filters/use-filters';

const REPORTS = [
  ['interviewers', 'One row per interviewer: severity with interval, agreement, halo, spread, drift onset, flags'],
  ['signals', 'One row per signal: validity, reliability, drift alerts'],
  ['scorecards', 'Every live scorecard in scope with its ratings and the candidate’s decision'],
  ['flags', 'Every flag with its evidence (effect, interval, n, p, q) and sentence'],
] as const;

const ROWS_PER_PART = 500;

interface ImportState {
  done: number;
  total: number;
  result?: string;
  errors?: { line?: number; path: string; message: string }[];
}

/** CSV exports for the current filters, and the import of historical scorecards. */
export function ReportsPage() {
  const [filters] = useFilters();
  const q = filtersQuery(filters);
  const [state, setState] = useState<ImportState | null>(null);

  const importFile = async (file: File) => {
    const [header, ...rows] = (await file.text()).split(/\r?\n/).filter((line, i) => i === 0 || line.trim() !== '');
    const total = { accepted: 0, duplicates: 0 };
    setState({ done: 0, total: rows.length });
    for (let start = 0; start < rows.length; start += ROWS_PER_PART) {
      const res = await fetch(`/v1/imports/scorecards?firstLine=${start + 1}`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${readSession()?.token ?? ''}` },
        body: [header, ...rows.slice(start, start + ROWS_PER_PART)].join('\n'),
      });
      const body = (await res.json()) as { accepted?: number; duplicates?: number; errors?: ImportState['errors'] };
      if (res.status !== 202) return setState({ done: start, total: rows.length, errors: body.errors ?? [{ path: '', message: `HTTP ${res.status}` }] });
      total.accepted += body.accepted ?? 0;
      total.duplicates += body.duplicates ?? 0;
      setState({ done: Math.min(rows.length, start + ROWS_PER_PART), total: rows.length });
    }
    setState({ done: rows.length, total: rows.length, result: `Imported ${rows.length} rows: ${total.accepted} new, ${total.duplicates} already recorded.` });
  };

  return (
    <>
      <h1>Reports</h1>
      <div className="grid">
        <Card title="Export (current filters)" wide>
          <ul className="issues">
            {REPORTS.map(([name, what]) => (
              <li key={name}>
                <button type="button" onClick={() => void download(`/v1/reports/${name}.csv${q}`, `plumbline-${name}.csv`)}>
                  Download {name}.csv
                </button>{' '}
                <span className="muted">{what}</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Import historical scorecards" wide>
          <p className="muted">
            CSV with columns scorecard_id, candidate_id, interviewer_id, rubric_id, rubric_version, target_level, overall, interviewed_at (and optionally job_family, interview_type,
            recommended_level), plus one column per signal holding its rating. Importing the same file again adds nothing.
          </p>
          <label>
            CSV file{' '}
            <input
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = ''; // so choosing the same file again imports it again
                if (file) void importFile(file);
              }}
            />
          </label>
          {state && (
            <div role="status">
              <progress max={state.total || 1} value={state.done} aria-label="Import progress" /> {state.done}/{state.total} rows
              {state.result && <p>{state.result}</p>}
            </div>
          )}
          {state?.errors && (
            <table aria-label="Import errors">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {state.errors.map((e, i) => (
                  <tr key={i}>
                    <td className="num">{e.line ?? '—'}</td>
                    <td>{e.path}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>
    </>
  );
}
