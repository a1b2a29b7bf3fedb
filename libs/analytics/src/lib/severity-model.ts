import { cholesky, inverseDiagonal, logDetFromCholesky, solveCholesky } from './cholesky';
import { densify, groupByIndex } from './group-by-index';
import { nelderMead } from './nelder-mead';

/** One rating: who rated which candidate on which signal, and the value on the rubric's scale. */
export interface RatingObservation {
  candidate: string;
  interviewer: string;
  signal: string;
  rating: number;
}

export interface InterviewerSeverity {
  interviewer: string;
  /** Conditional mode of the interviewer effect, in rating points: + lenient, − harsh. */
  estimate: number;
  /** Conditional standard deviation (lme4's condVar). */
  se: number;
  ciLow: number;
  ciHigh: number;
  /** Ratings behind the estimate. */
  n: number;
}

export interface SeverityModel {
  interviewers: InterviewerSeverity[];
  /** Fixed effect per signal (the signal's mean rating, adjusted). */
  signals: Record<string, number>;
  sigma: number;
  sigmaCandidate: number;
  sigmaInterviewer: number;
  /** Relative scales (σ_c/σ, σ_v/σ) at the optimum: the `start` of a later refit. */
  theta: [number, number];
  /** REML criterion (−2 log restricted likelihood) at the optimum, comparable to lme4's. */
  remlDeviance: number;
  /** y − Xβ − Z_c b_c − Z_v b_v per observation, in input order. */
  residuals: Float64Array;
}

/**
 * Candidate-adjusted interviewer severity (SPEC §5.2): the linear mixed model
 *
 *   rating = β_signal + b_candidate + b_interviewer + ε,  b_c ~ N(0, σ_c²), b_v ~ N(0, σ_v²), ε ~ N(0, σ²)
 *
 * fitted by REML as lme4 does (Bates et al. 2015, "Fitting Linear Mixed-Effects Models Using
 * lme4", §3): for relative scales θ = (σ_c/σ, σ_v/σ) the penalised least-squares system is solved
 * and the profiled REML deviance
 *
 *   d(θ) = log|Λ'Z'ZΛ + I| + log|R_X|² + (n − p)(1 + log(2π r²(θ) / (n − p)))
 *
 * minimised over θ ≥ 0 with Nelder–Mead. The candidate block of Λ'Z'ZΛ + I is diagonal, so it
 * is absorbed exactly (Schur complement) and only a dense (interviewers + signals)² system
 * remains: O(n + Σ_c k_c² + (q_v + p)³) per evaluation, where k_c is a candidate's
 * interviewers and signals. Estimates are the conditional modes b_v, their standard errors
 * σ √((Λ_v (LL')⁻¹ Λ_v)_vv) as lme4's condVar; the interval is estimate ± 1.96 se.
 *
 * `start` is a previous fit's θ (σ_c/σ, σ_v/σ): refitting after a few more ratings then takes a
 * fraction of the evaluations, to the same optimum. `poolCandidates` forces (true) or forbids
 * (false) pooling candidates by rating count (see `Pool`); by default it is used when cheaper.
 *
 * @throws when there are no ratings or fewer than two interviewers.
 */
export function fitSeverityModel(
  observations: RatingObservation[] | RatingColumns,
  { start, poolCandidates }: { start?: [number, number]; poolCandidates?: boolean } = {},
): SeverityModel {
  const data = Array.isArray(observations) ? ratingColumns(observations) : observations;
  if (data.rating.length === 0) throw new Error('fitSeverityModel: no ratings');
  const design = buildDesign(data, poolCandidates);
  if (design.interviewers.length < 2) throw new Error('fitSeverityModel: needs at least two interviewers');

  const deviance = ([tc, tv]: number[]) => evaluate(design, Math.abs(tc), Math.abs(tv)).deviance;
  const { point } = start ? nelderMead(deviance, start, { step: 0.05, tolerance: 1e-10 }) : nelderMead(deviance, [1, 0.5], { step: 0.4, tolerance: 1e-10 });
  const thetaC = Math.abs(point[0]);
  const thetaV = Math.abs(point[1]);
  const fit = evaluate(design, thetaC, thetaV);
  const sigma = Math.sqrt(fit.r2 / (design.n - design.p));

  const interviewerEffects = fit.uv.map((u) => thetaV * u);
  const variances = inverseDiagonal(fit.svvFactor()).map((d) => sigma * sigma * thetaV * thetaV * d);
  const interviewers = design.interviewers.map((interviewer, v) => {
    const estimate = interviewerEffects[v];
    const se = Math.sqrt(variances[v]);
    return { interviewer, estimate, se, ciLow: estimate - 1.96 * se, ciHigh: estimate + 1.96 * se, n: design.ratingsPerInterviewer[v] };
  });

  const candidateEffects = candidateModes(design, fit, thetaC, thetaV);
  const residuals = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++) residuals[i] = design.y[i] - fit.beta[design.s[i]] - candidateEffects[design.c[i]] - interviewerEffects[design.v[i]];
  return {
    interviewers,
    signals: Object.fromEntries(design.signals.map((s, i) => [s, fit.beta[i]])),
    sigma,
    sigmaCandidate: thetaC * sigma,
    sigmaInterviewer: thetaV * sigma,
    theta: [thetaC, thetaV],
    remlDeviance: fit.deviance,
    residuals,
  };
}

/**
 * Ratings by column: candidate, interviewer and signal as integer codes (any codes; `names` gives
 * each code's name), one entry per rating. The form large scopes come in, without an object per rating.
 */
export interface RatingColumns {
  candidate: Int32Array;
  interviewer: Int32Array;
  signal: Int32Array;
  rating: Float64Array;
  names: string[];
}

function ratingColumns(observations: RatingObservation[]): RatingColumns {
  const codes = new Map<string, number>();
  const code = (name: string) => codes.get(name) ?? (codes.set(name, codes.size), codes.size - 1);
  const n = observations.length;
  const columns = { candidate: new Int32Array(n), interviewer: new Int32Array(n), signal: new Int32Array(n), rating: new Float64Array(n), names: [] as string[] };
  observations.forEach((o, i) => {
    columns.candidate[i] = code(`c:${o.candidate}`);
    columns.interviewer[i] = code(o.interviewer);
    columns.signal[i] = code(o.signal);
    columns.rating[i] = o.rating;
  });
  columns.names = [...codes.keys()];
  return columns;
}

interface Design {
  /** Per rating: dense candidate, interviewer and signal indices, and the rating. */
  c: Int32Array;
  v: Int32Array;
  s: Int32Array;
  y: Float64Array;
  interviewers: string[];
  signals: string[];
  n: number;
  p: number;
  qv: number;
  yy: number;
  /** Per candidate: rating count and sum. */
  candidateN: Float64Array;
  candidateSumY: Float64Array;
  /**
   * Per candidate, its nonzero columns of [Z_v | X] from `columnStart[c]`: `columns` are
   * interviewer indices, then q_v + signal index, `counts` the ratings in each; the first
   * `interviewerColumns[c]` are interviewers.
   */
  columnStart: Int32Array;
  columns: Int32Array;
  counts: Float64Array;
  interviewerColumns: Int32Array;
  ratingsPerInterviewer: number[];
  sumYPerInterviewer: number[];
  ratingsPerSignal: number[];
  sumYPerSignal: number[];
  /** Ratings per (interviewer, signal): the Z_v'X block. */
  interviewerSignal: number[][];
  /** The candidates pooled by rating count, or null when candidates are absorbed one by one. */
  pools: Pool[] | null;
}

/**
 * Candidates with the same rating count n, pooled. A candidate's share of the Schur complement
 * depends on θ only through a_c = θ_c² n_c + 1 and each column's type (interviewer or signal),
 * so candidates with equal n add up into θ-free sums: m = Σ counts countsᵀ (dense, (q_v + p)²),
 * r = Σ counts · Σy, q = Σ (Σy)². An evaluation then costs O(pools · (q_v + p)²), however many
 * candidates there are, against O(Σ_c k_c²) one by one.
 */
interface Pool {
  n: number;
  candidates: number;
  m: Float64Array;
  r: Float64Array;
  q: number;
}

/** Pooled sums take at most this many numbers (64 MB); beyond, candidates are absorbed one by one. */
const MAX_POOLED_ENTRIES = 8_000_000;

function buildDesign(data: RatingColumns, poolCandidates?: boolean): Design {
  const n = data.rating.length;
  const candidates = densify(data.candidate);
  const interviewers = densify(data.interviewer);
  const signals = densify(data.signal);
  const [c, v, s, y] = [candidates.index, interviewers.index, signals.index, data.rating];
  const qc = candidates.codes.length;
  const qv = interviewers.codes.length;
  const p = signals.codes.length;
  const d: Design = {
    c, v, s, y, n, p, qv,
    interviewers: interviewers.codes.map((code) => data.names[code]),
    signals: signals.codes.map((code) => data.names[code]),
    yy: 0,
    candidateN: new Float64Array(qc),
    candidateSumY: new Float64Array(qc),
    columnStart: new Int32Array(qc + 1),
    columns: new Int32Array(0),
    counts: new Float64Array(0),
    interviewerColumns: new Int32Array(qc),
    ratingsPerInterviewer: new Array(qv).fill(0),
    sumYPerInterviewer: new Array(qv).fill(0),
    ratingsPerSignal: new Array(p).fill(0),
    sumYPerSignal: new Array(p).fill(0),
    interviewerSignal: Array.from({ length: qv }, () => new Array(p).fill(0)),
    pools: null,
  };
  for (let i = 0; i < n; i++) {
    d.candidateN[c[i]]++;
    d.candidateSumY[c[i]] += y[i];
    d.yy += y[i] * y[i];
    d.ratingsPerInterviewer[v[i]]++;
    d.sumYPerInterviewer[v[i]] += y[i];
    d.ratingsPerSignal[s[i]]++;
    d.sumYPerSignal[s[i]] += y[i];
    d.interviewerSignal[v[i]][s[i]]++;
  }
  // Each candidate's columns: its ratings grouped by candidate (a counting sort), then the
  // distinct interviewers and signals among them, counted with one scratch slot per column.
  const byCandidate = groupByIndex(c, qc);
  const columns: number[] = [];
  const counts: number[] = [];
  const slot = new Int32Array(qv + p).fill(-1);
  for (let k = 0; k < qc; k++) {
    d.columnStart[k] = columns.length;
    const ratings = byCandidate.members.subarray(byCandidate.start[k], byCandidate.start[k + 1]);
    for (const pass of [0, 1]) {
      for (const i of ratings) {
        const column = pass === 0 ? v[i] : qv + s[i];
        if (slot[column] < 0) {
          slot[column] = columns.length;
          columns.push(column);
          counts.push(0);
        }
        counts[slot[column]]++;
      }
      if (pass === 0) d.interviewerColumns[k] = columns.length - d.columnStart[k];
    }
    for (let e = d.columnStart[k]; e < columns.length; e++) slot[columns[e]] = -1;
  }
  d.columnStart[qc] = columns.length;
  d.columns = Int32Array.from(columns);
  d.counts = Float64Array.from(counts);
  d.pools = poolsOf(d, poolCandidates);
  return d;
}

function poolsOf(d: Design, force?: boolean): Pool[] | null {
  const size = d.qv + d.p;
  const poolOf = new Map<number, Pool>();
  for (const n of d.candidateN) if (!poolOf.has(n)) poolOf.set(n, { n, candidates: 0, m: new Float64Array(0), r: new Float64Array(0), q: 0 });
  let oneByOne = 0;
  for (let k = 0; k < d.candidateN.length; k++) oneByOne += (d.columnStart[k + 1] - d.columnStart[k]) ** 2;
  const pooled = poolOf.size * size * size;
  if (force === false || (force === undefined && (pooled >= oneByOne || pooled > MAX_POOLED_ENTRIES))) return null;
  for (const pool of poolOf.values()) Object.assign(pool, { m: new Float64Array(size * size), r: new Float64Array(size) });
  for (let k = 0; k < d.candidateN.length; k++) {
    const pool = poolOf.get(d.candidateN[k])!;
    pool.candidates++;
    pool.q += d.candidateSumY[k] ** 2;
    for (let e = d.columnStart[k]; e < d.columnStart[k + 1]; e++) {
      pool.r[d.columns[e]] += d.counts[e] * d.candidateSumY[k];
      for (let f = d.columnStart[k]; f < d.columnStart[k + 1]; f++) pool.m[d.columns[e] * size + d.columns[f]] += d.counts[e] * d.counts[f];
    }
  }
  return [...poolOf.values()];
}

/**
 * The penalised least-squares solution and REML deviance at θ. Unknowns are (u_c, u_v, β) with
 * b = Λu; the diagonal candidate block a_c = θ_c² n_c + 1 is eliminated first.
 */
function evaluate(d: Design, thetaC: number, thetaV: number) {
  const size = d.qv + d.p;
  // S = [[θ_v² D_v + I, θ_v Z_v'X], [·, X'X]] − Σ_c (1/a_c) g_c g_cᵀ, with g_c = [θ_cθ_v n_cv ; θ_c n_cs].
  const s = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const rhs = new Array<number>(size).fill(0);
  for (let v = 0; v < d.qv; v++) {
    s[v][v] = thetaV * thetaV * d.ratingsPerInterviewer[v] + 1;
    for (let k = 0; k < d.p; k++) s[v][d.qv + k] = s[d.qv + k][v] = thetaV * d.interviewerSignal[v][k];
    rhs[v] = thetaV * d.sumYPerInterviewer[v];
  }
  for (let k = 0; k < d.p; k++) {
    s[d.qv + k][d.qv + k] = d.ratingsPerSignal[k];
    rhs[d.qv + k] = d.sumYPerSignal[k];
  }
  let logDetA = 0;
  let quadC = 0;
  if (d.pools) {
    // A column's factor in g_c: θ_cθ_v for an interviewer, θ_c for a signal.
    const columnFactor = Float64Array.from({ length: size }, (_, i) => (i < d.qv ? thetaC * thetaV : thetaC));
    for (const pool of d.pools) {
      const a = thetaC * thetaC * pool.n + 1;
      logDetA += pool.candidates * Math.log(a);
      quadC += (thetaC * thetaC * pool.q) / a;
      for (let i = 0; i < size; i++) {
        const fi = columnFactor[i] / a;
        rhs[i] -= fi * thetaC * pool.r[i];
        const row = s[i];
        for (let j = 0; j < size; j++) row[j] -= fi * columnFactor[j] * pool.m[i * size + j];
      }
    }
  } else {
    const g = new Float64Array(size);
    for (let k = 0; k < d.candidateN.length; k++) {
      const a = thetaC * thetaC * d.candidateN[k] + 1;
      logDetA += Math.log(a);
      const rc = thetaC * d.candidateSumY[k];
      quadC += (rc * rc) / a;
      const first = d.columnStart[k];
      const m = d.columnStart[k + 1] - first;
      for (let e = 0; e < m; e++) g[e] = (e < d.interviewerColumns[k] ? thetaC * thetaV : thetaC) * d.counts[first + e];
      for (let e = 0; e < m; e++) {
        const i = d.columns[first + e];
        const gi = g[e] / a;
        rhs[i] -= gi * rc;
        const row = s[i];
        for (let f = 0; f < m; f++) row[d.columns[first + f]] -= gi * g[f];
      }
    }
  }
  const factor = cholesky(s);
  const solution = solveCholesky(factor, rhs);
  const r2 = Math.max(1e-300, d.yy - quadC - solution.reduce((sum, x, i) => sum + x * rhs[i], 0));
  const dof = d.n - d.p;
  const deviance = logDetA + logDetFromCholesky(factor) + dof * (1 + Math.log((2 * Math.PI * r2) / dof));
  // The interviewer block of S is exactly the Schur complement that condVar needs.
  const svvFactor = () => cholesky(s.slice(0, d.qv).map((row) => row.slice(0, d.qv)));
  return { deviance, r2, uv: solution.slice(0, d.qv), beta: solution.slice(d.qv), svvFactor };
}

/** Candidate conditional modes b_c = θ_c u_c, back-substituted from u_c = (r_c − g_cᵀ[u_v; β]) / a_c. */
function candidateModes(d: Design, fit: ReturnType<typeof evaluate>, thetaC: number, thetaV: number): Float64Array {
  const modes = new Float64Array(d.candidateN.length);
  for (let k = 0; k < modes.length; k++) {
    const a = thetaC * thetaC * d.candidateN[k] + 1;
    let gx = 0;
    for (let e = d.columnStart[k]; e < d.columnStart[k + 1]; e++) {
      const column = d.columns[e];
      gx += e - d.columnStart[k] < d.interviewerColumns[k] ? thetaC * thetaV * d.counts[e] * fit.uv[column] : thetaC * d.counts[e] * fit.beta[column - d.qv];
    }
    modes[k] = thetaC * ((thetaC * d.candidateSumY[k] - gx) / a);
  }
  return modes;
}
