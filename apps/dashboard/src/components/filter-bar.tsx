import { useState } from 'react';
import { useFilters, type Filters } from '../filters/use-filters';

const fields: { key: keyof Filters; label: string; type: 'date' | 'text' }[] = [
  { key: 'from', label: 'From', type: 'date' },
  { key: 'to', label: 'To', type: 'date' },
  { key: 'jobFamily', label: 'Job family', type: 'text' },
  { key: 'targetLevel', label: 'Target level', type: 'text' },
  { key: 'rubricId', label: 'Rubric', type: 'text' },
  { key: 'interviewType', label: 'Interview type', type: 'text' },
];

/** The global filters; applying them rewrites the URL, which every view reads. */
export function FilterBar() {
  const [filters, setFilters] = useFilters();
  const [draft, setDraft] = useState<Filters>(filters);
  return (
    <form
      className="filters"
      aria-label="Filters"
      onSubmit={(e) => {
        e.preventDefault();
        setFilters(draft);
      }}
    >
      {fields.map((f) => (
        <label key={f.key}>
          {f.label}
          <input type={f.type} value={draft[f.key] ?? ''} onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value || undefined })} />
        </label>
      ))}
      <button type="submit">Apply</button>
      <button
        type="button"
        onClick={() => {
          setDraft({});
          setFilters({});
        }}
      >
        Clear
      </button>
    </form>
  );
}
