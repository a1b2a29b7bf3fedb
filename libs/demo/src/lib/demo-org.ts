import { mlSystemDesignRubric, rubricPublishedEvent, nameBasedUuid, type PlumblineEvent, type Rubric } from '@plumbline/events';

/**
 * A realistic hiring org with known miscalibration, for the demo and the tests: candidates with a
 * latent quality, panels of 3–6 interviewers rating the seed rubric's five signals, decisions
 * driven by that latent quality — and planted effects whose ground truth comes with the data.
 */
export interface DemoOptions {
  seed: number;
  interviewers: number;
  candidates: number;
  months: number;
  /** First interview day (ISO date). */
  start: string;
}

export const defaultDemoOptions: DemoOptions = { seed: 7, interviewers: 80, candidates: 3_000, months: 18, start: '2025-01-06' };

export interface DemoTruth {
  lenient: string[];
  harsh: string[];
  halo: string[];
  rangeRestricted: string[];
  drifting: { interviewerId: string; onset: string }[];
  /** Interviewers with no planted effect. */
  calibrated: string[];
  /** A signal whose ratings shift up once rubric version 2 is published. */
  driftingSignal: { signal: string; from: string };
  /** A signal that stops predicting decisions. */
  validityLossSignal: { signal: string; from: string };
}

const SIGNALS = mlSystemDesignRubric.signals.map((s) => s.key);
const LEVELS = ['junior', 'mid', 'senior', 'staff', 'principal'];
const SIGNAL_OFFSET: Record<string, number> = { problem_understanding: 0.1, data_feature_engineering: -0.2, modeling: 0, deployment: -0.3, communication_collaboration: 0.2 };

/** A seeded PRNG (mulberry32) with normal draws (Box–Muller), so a run can be reproduced from its seed. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal, pick: <T>(list: T[]) => list[Math.floor(uniform() * list.length)] };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const interviewerId = (i: number) => `int-${pad(i + 1, 3)}`;

/** Which interviewers carry which planted effect: fixed slots, so the truth is easy to read. */
export function demoTruth(options: DemoOptions = defaultDemoOptions): DemoTruth {
  const ids = Array.from({ length: options.interviewers }, (_, i) => interviewerId(i));
  const at = (month: number) => addMonths(options.start, month);
  const planted = { lenient: ids.slice(0, 4), harsh: ids.slice(4, 8), halo: ids.slice(8, 11), rangeRestricted: ids.slice(11, 14), drifting: ids.slice(14, 17) };
  const taken = new Set(Object.values(planted).flat());
  return {
    ...planted,
    drifting: planted.drifting.map((id) => ({ interviewerId: id, onset: at(Math.floor(options.months / 2)) })),
    calibrated: ids.filter((id) => !taken.has(id)),
    driftingSignal: { signal: 'deployment', from: at(Math.floor((options.months * 2) / 3)) },
    validityLossSignal: { signal: 'communication_collaboration', from: at(Math.floor(options.months / 2)) },
  };
}

function addMonths(isoDate: string, months: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** Version 2 of the seed rubric: the deployment descriptors were rewritten (and made easier). */
export function rubricVersion2(): Rubric {
  return {
    ...mlSystemDesignRubric,
    version: 2,
    signals: mlSystemDesignRubric.signals.map((s) => (s.key === 'deployment' ? { ...s, description: 'Assesses how the candidate would ship, monitor and iterate on the model (rewritten in v2).' } : s)),
  };
}

/**
 * The org's events in time order: the rubric's second version when the drift starts, then per
 * candidate their scorecards, an occasional amendment or withdrawal, and the decision. A
 * generator, so a million scorecards never sit in memory at once. Event ids are derived from
 * the seed, so the same options give the same log (and a re-load is all duplicates).
 */
export function* demoEvents(options: DemoOptions = defaultDemoOptions): Generator<PlumblineEvent> {
  const rand = seededRandom(options.seed);
  const truth = demoTruth(options);
  const ids = Array.from({ length: options.interviewers }, (_, i) => interviewerId(i));
  const bias = new Map(ids.map((id) => [id, rand.normal() * 0.05]));
  for (const id of truth.lenient) bias.set(id, 0.7);
  for (const id of truth.harsh) bias.set(id, -0.7);
  const halo = new Set(truth.halo);
  const restricted = new Set(truth.rangeRestricted);
  const driftOnset = new Map(truth.drifting.map((d) => [d.interviewerId, d.onset]));
  const startMs = Date.parse(`${options.start}T09:00:00Z`);
  const spanMs = Date.parse(`${addMonths(options.start, options.months)}T09:00:00Z`) - startMs;
  let sequence = 0;
  const eventId = () => nameBasedUuid(`demo:${options.seed}:${sequence++}`);
  let v2Published = false;

  for (let c = 0; c < options.candidates; c++) {
    const interviewedAtMs = startMs + Math.floor((c / options.candidates) * spanMs);
    const day = new Date(interviewedAtMs).toISOString();
    if (!v2Published && day.slice(0, 10) >= truth.driftingSignal.from) {
      v2Published = true;
      yield { ...rubricPublishedEvent(rubricVersion2(), day), eventId: eventId() };
    }
    const candidateId = `cand-${pad(c + 1, 7)}`;
    const quality = rand.normal() * 0.8;
    const targetRank = 1 + Math.min(4, Math.floor(rand.uniform() * 4.2));
    const panelSize = 3 + Math.floor(rand.uniform() * 4);
    const panel = new Set<string>();
    while (panel.size < panelSize) panel.add(rand.pick(ids));
    const overallVotes: boolean[] = [];

    for (const interviewer of panel) {
      const onset = driftOnset.get(interviewer);
      // Drifting interviewers move from harsh to lenient at the onset: on average calibrated.
      const drift = onset ? (day.slice(0, 10) >= onset ? 0.5 : -0.5) : 0;
      const shift = (bias.get(interviewer) ?? 0) + drift;
      const impression = quality + shift + rand.normal() * 0.3;
      const ratings = SIGNALS.map((signal) => {
        let latent = 2.5 + impression + SIGNAL_OFFSET[signal] + rand.normal() * 0.55;
        if (signal === truth.driftingSignal.signal && v2Published) latent += 0.8;
        if (signal === truth.validityLossSignal.signal && day.slice(0, 10) >= truth.validityLossSignal.from) latent = 2.5 + shift + rand.normal() * 0.9;
        if (halo.has(interviewer) && rand.uniform() < 0.85) latent = 2.5 + impression;
        if (restricted.has(interviewer)) latent = 2.5 + (latent - 2.5) * 0.45;
        return { signal, rating: Math.max(1, Math.min(4, Math.round(latent))) };
      });
      const meanRating = ratings.reduce((sum, r) => sum + r.rating, 0) / ratings.length;
      const overall = meanRating >= 3.4 ? 'strong_hire' : meanRating >= 2.6 ? 'hire' : meanRating >= 1.8 ? 'no_hire' : 'strong_no_hire';
      overallVotes.push(overall === 'hire' || overall === 'strong_hire');
      const recommendedRank = Math.max(1, Math.min(5, targetRank + (quality > 1 ? 1 : quality < -0.4 ? -1 : 0)));
      const scorecardId = `sc-${pad(sequence, 8)}`;
      yield {
        eventId: eventId(),
        type: 'ScorecardSubmitted',
        schemaVersion: 1,
        occurredAt: day,
        data: {
          scorecardId,
          candidateId,
          interviewerId: interviewer,
          rubricId: 'ml-system-design',
          rubricVersion: v2Published ? 2 : 1,
          targetLevel: LEVELS[targetRank - 1],
          jobFamily: rand.uniform() < 0.7 ? 'ml-engineering' : 'data-science',
          interviewType: 'ml-system-design',
          ratings,
          overall,
          recommendedLevel: LEVELS[recommendedRank - 1],
          interviewedAt: day,
        },
      };
      if (rand.uniform() < 0.03) {
        yield { eventId: eventId(), type: 'ScorecardAmended', schemaVersion: 1, occurredAt: day, data: { scorecardId, ratings, overall, recommendedLevel: LEVELS[recommendedRank - 1], reason: 'typo fixed' } };
      } else if (rand.uniform() < 0.01) {
        yield { eventId: eventId(), type: 'ScorecardWithdrawn', schemaVersion: 1, occurredAt: day, data: { scorecardId, reason: 'duplicate interview' } };
      }
    }
    // Decisions follow the candidate's latent quality (the committee's view), not any one rating.
    if (rand.uniform() < 0.9) {
      const hire = quality + rand.normal() * 0.35 > 0.3;
      const finalRank = Math.max(1, Math.min(5, targetRank + (quality > 1.2 ? 1 : quality < 0.5 ? -1 : 0)));
      const decidedAt = new Date(interviewedAtMs + 3 * 86_400_000).toISOString();
      yield {
        eventId: eventId(),
        type: 'DecisionRecorded',
        schemaVersion: 1,
        occurredAt: decidedAt,
        data: hire ? { candidateId, decision: 'hire', finalLevel: LEVELS[finalRank - 1] } : { candidateId, decision: 'no_hire' },
      };
    }
  }
}
