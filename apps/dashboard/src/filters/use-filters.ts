import { useSearchParams } from 'react-router';

/** The global filters (SPEC §5) live in the URL, so every view can be shared as a link. */
export const FILTER_KEYS = ['from', 'to', 'jobFamily', 'targetLevel', 'rubricId', 'interviewType'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/** Filters ↔ query string: the one parse/stringify pair. */
export function filtersQuery(filters: Filters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]!);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function useFilters(): [Filters, (next: Filters) => void] {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTER_KEYS.flatMap((key) => (params.get(key) ? [[key, params.get(key)!]] : []))) as Filters;
  return [filters, (next) => setParams(new URLSearchParams(filtersQuery(next).slice(1)))];
}
