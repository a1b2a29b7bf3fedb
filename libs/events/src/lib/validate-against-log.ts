import type { PlumblineEvent, Rating, Rubric } from './event-schemas';
import type { LogCatalog } from './log-catalog';

/** A semantic problem: the event is well formed but refers to something the log doesn't have. */
export interface EventIssue {
  index: number;
  path: string;
  message: string;
}

/**
 * Checks each event against the rubrics and scorecards it refers to (SPEC §3: unknown rubric,
 * signal, scale value or level is invalid), in order, so earlier events of the same batch count.
 * Returns every issue; `catalog` is only read — stage it to see the batch's effect.
 */
export function validateAgainstLog(events: PlumblineEvent[], catalog: LogCatalog): EventIssue[] {
  const staged = catalog.stage();
  const issues: EventIssue[] = [];
  events.forEach((event, index) => {
    const found = issuesOf(event, staged);
    issues.push(...found.map((issue) => ({ index, ...issue })));
    if (found.length === 0) staged.apply(event);
  });
  return issues;
}

type Issue = Omit<EventIssue, 'index'>;

function issuesOf(event: PlumblineEvent, catalog: LogCatalog): Issue[] {
  switch (event.type) {
    case 'RubricPublished': {
      const existing = catalog.rubric(event.data.rubricId, event.data.version);
      return existing && JSON.stringify(existing) !== JSON.stringify(event.data)
        ? [{ path: 'data.version', message: `rubric ${event.data.rubricId} version ${event.data.version} is already published with different content; publish a new version` }]
        : [];
    }
    case 'ScorecardSubmitted': {
      const { data } = event;
      const rubric = catalog.rubric(data.rubricId, data.rubricVersion);
      if (!rubric) return [{ path: 'data.rubricVersion', message: `unknown rubric ${data.rubricId} version ${data.rubricVersion}` }];
      const issues = [...ratingIssues(data.ratings, rubric), ...levelIssues(rubric, { targetLevel: data.targetLevel, recommendedLevel: data.recommendedLevel })];
      if (catalog.hasScorecard(data.scorecardId)) issues.push({ path: 'data.scorecardId', message: `scorecard ${data.scorecardId} already exists; send ScorecardAmended to change it` });
      return issues;
    }
    case 'ScorecardAmended': {
      const ref = catalog.scorecard(event.data.scorecardId);
      if (!ref) return [{ path: 'data.scorecardId', message: `unknown scorecard ${event.data.scorecardId}` }];
      if (ref.withdrawn) return [{ path: 'data.scorecardId', message: `scorecard ${event.data.scorecardId} was withdrawn` }];
      const rubric = catalog.rubric(ref.rubricId, ref.rubricVersion);
      // A scorecard is only ever recorded with a known rubric, so this is always found.
      return rubric ? [...ratingIssues(event.data.ratings, rubric), ...levelIssues(rubric, { recommendedLevel: event.data.recommendedLevel })] : [];
    }
    case 'ScorecardWithdrawn': {
      const ref = catalog.scorecard(event.data.scorecardId);
      if (!ref) return [{ path: 'data.scorecardId', message: `unknown scorecard ${event.data.scorecardId}` }];
      return [];
    }
    case 'DecisionRecorded': {
      const level = event.data.finalLevel;
      return level && !catalog.hasLevel(level) ? [{ path: 'data.finalLevel', message: `unknown level "${level}": no published rubric defines it` }] : [];
    }
  }
}

/** Per rubric version, the sets its events are checked against: built once, not per scorecard. */
const rubricSets = new WeakMap<Rubric, { signals: Set<string>; values: Set<number>; levels: Set<string> }>();
function setsOf(rubric: Rubric) {
  let sets = rubricSets.get(rubric);
  if (!sets) {
    sets = { signals: new Set(rubric.signals.map((s) => s.key)), values: new Set(rubric.scale.map((p) => p.value)), levels: new Set(rubric.levels.map((l) => l.key)) };
    rubricSets.set(rubric, sets);
  }
  return sets;
}

function ratingIssues(ratings: Rating[], rubric: Rubric): Issue[] {
  const { signals, values } = setsOf(rubric);
  const issues: Issue[] = [];
  ratings.forEach((r, i) => {
    if (!signals.has(r.signal)) issues.push({ path: `data.ratings.${i}.signal`, message: `unknown signal "${r.signal}" in rubric ${rubric.rubricId} v${rubric.version}` });
    if (!values.has(r.rating)) {
      const scale = rubric.scale.map((p) => `${p.value} (${p.label})`).join(', ');
      issues.push({ path: `data.ratings.${i}.rating`, message: `${r.rating} is not on the scale of rubric ${rubric.rubricId} v${rubric.version}: ${scale}` });
    }
  });
  return issues;
}

function levelIssues(rubric: Rubric, named: Record<string, string | undefined>): Issue[] {
  const { levels } = setsOf(rubric);
  return Object.entries(named)
    .filter(([, level]) => level !== undefined && !levels.has(level))
    .map(([field, level]) => ({ path: `data.${field}`, message: `unknown level "${level}" in rubric ${rubric.rubricId} v${rubric.version}` }));
}
