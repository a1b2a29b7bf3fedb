import { cholesky, inverseDiagonal, logDetFromCholesky, solveCholesky } from './cholesky';
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
  residuals: number[];
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
 * fraction of the evaluations, to the same optimum.
 *
 * @throws when there are no ratings or fewer than two interviewers.
 */
export function fitSeverityModel(observations: RatingObservation[], { start }: { start?: [number, number] } = {}): SeverityModel {
  if (observations.length === 0) throw new Error('fitSeverityModel: no ratings');
  const design = buildDesign(observations);
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
  const residuals = design.rows.map((row) => row.y - fit.beta[row.s] - candidateEffects[row.c] - interviewerEffects[row.v]);
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

interface Design {
  rows: { c: number; v: number; s: number; y: number }[];
  interviewers: string[];
  signals: string[];
  n: number;
  p: number;
  qv: number;
  yy: number;
  /**
   * Per candidate: rating count and sum, and its nonzero columns of [Z_v | X] as parallel arrays
   * (`columns` are interviewer indices, then q_v + signal index; `counts` the ratings in each;
   * the first `interviewerColumns` are interviewers).
   */
  candidates: { n: number; sumY: number; columns: Int32Array; counts: Float64Array; interviewerColumns: number }[];
  ratingsPerInterviewer: number[];
  sumYPerInterviewer: number[];
  ratingsPerSignal: number[];
  sumYPerSignal: number[];
  /** Ratings per (interviewer, signal): the Z_v'X block. */
  interviewerSignal: number[][];
}

function indexer() {
  const map = new Map<string, number>();
  return { map, of: (key: string) => map.get(key) ?? (map.set(key, map.size), map.size - 1) };
}

function buildDesign(observations: RatingObservation[]): Design {
  const candidates = indexer();
  const interviewers = indexer();
  const signals = indexer();
  const rows = observations.map((o) => ({ c: candidates.of(o.candidate), v: interviewers.of(o.interviewer), s: signals.of(o.signal), y: o.rating }));
  const qv = interviewers.map.size;
  const p = signals.map.size;
  const tallies = Array.from({ length: candidates.map.size }, () => ({ n: 0, sumY: 0, byInterviewer: new Map<number, number>(), bySignal: new Map<number, number>() }));
  const design: Design = {
    rows,
    interviewers: [...interviewers.map.keys()],
    signals: [...signals.map.keys()],
    n: rows.length,
    p,
    qv,
    yy: 0,
    candidates: [],
    ratingsPerInterviewer: new Array(qv).fill(0),
    sumYPerInterviewer: new Array(qv).fill(0),
    ratingsPerSignal: new Array(p).fill(0),
    sumYPerSignal: new Array(p).fill(0),
    interviewerSignal: Array.from({ length: qv }, () => new Array(p).fill(0)),
  };
  for (const { c, v, s, y } of rows) {
    const cand = tallies[c];
    cand.n++;
    cand.sumY += y;
    cand.byInterviewer.set(v, (cand.byInterviewer.get(v) ?? 0) + 1);
    cand.bySignal.set(s, (cand.bySignal.get(s) ?? 0) + 1);
    design.yy += y * y;
    design.ratingsPerInterviewer[v]++;
    design.sumYPerInterviewer[v] += y;
    design.ratingsPerSignal[s]++;
    design.sumYPerSignal[s] += y;
    design.interviewerSignal[v][s]++;
  }
  design.candidates = tallies.map((t) => ({
    n: t.n,
    sumY: t.sumY,
    columns: Int32Array.from([...t.byInterviewer.keys(), ...[...t.bySignal.keys()].map((k) => qv + k)]),
    counts: Float64Array.from([...t.byInterviewer.values(), ...t.bySignal.values()]),
    interviewerColumns: t.byInterviewer.size,
  }));
  return design;
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
  const g = new Float64Array(d.qv + d.p);
  for (const cand of d.candidates) {
    const a = thetaC * thetaC * cand.n + 1;
    logDetA += Math.log(a);
    const rc = thetaC * cand.sumY;
    quadC += (rc * rc) / a;
    const m = cand.columns.length;
    for (let e = 0; e < m; e++) g[e] = (e < cand.interviewerColumns ? thetaC * thetaV : thetaC) * cand.counts[e];
    for (let e = 0; e < m; e++) {
      const i = cand.columns[e];
      const gi = g[e] / a;
      rhs[i] -= gi * rc;
      const row = s[i];
      for (let f = 0; f < m; f++) row[cand.columns[f]] -= gi * g[f];
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
function candidateModes(d: Design, fit: ReturnType<typeof evaluate>, thetaC: number, thetaV: number): number[] {
  return d.candidates.map((cand) => {
    const a = thetaC * thetaC * cand.n + 1;
    let gx = 0;
    cand.columns.forEach((column, e) => {
      gx += e < cand.interviewerColumns ? thetaC * thetaV * cand.counts[e] * fit.uv[column] : thetaC * cand.counts[e] * fit.beta[column - d.qv];
    });
    return (thetaC * ((thetaC * cand.sumY - gx) / a));
  });
}
