// The severity model against lme4 on four designs (test/fixtures/severity/generate.R wrote the
// data and lmer's conditional modes, condVar SDs and REML criterion): SPEC §5.2 requires
// Pearson r ≥ 0.99 and max |difference| ≤ 0.05; we hold far tighter.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pearson } from './correlation';
import { fitSeverityModel, type RatingObservation } from './severity-model';

const fixtures = path.resolve(__dirname, '../../../../test/fixtures/severity');
const csv = (file: string) => {
  const [header, ...lines] = readFileSync(path.join(fixtures, file), 'utf8').trim().split('\n');
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [names[i], value])));
};

describe.each(['balanced', 'unbalanced', 'sparse', 'five-point'])('severity model on the %s design', (design) => {
  const data: RatingObservation[] = csv(`${design}.data.csv`).map((r) => ({ candidate: r.candidate, interviewer: r.interviewer, signal: r.signal, rating: Number(r.rating) }));
  const expected = new Map(csv(`${design}.expected.csv`).map((r) => [r.interviewer, { estimate: Number(r.estimate), se: Number(r.se) }]));
  const [params] = csv(`${design}.params.csv`).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])));
  const model = fitSeverityModel(data);

  it('matches lme4’s conditional modes (r ≥ 0.99, max |diff| ≤ 0.05; in fact ≤ 1e-3)', () => {
    const ours = model.interviewers.map((i) => i.estimate);
    const theirs = model.interviewers.map((i) => expected.get(i.interviewer)!.estimate);
    expect(pearson(ours, theirs)!.r).toBeGreaterThanOrEqual(0.99);
    const maxDiff = Math.max(...ours.map((x, i) => Math.abs(x - theirs[i])));
    expect(maxDiff).toBeLessThanOrEqual(1e-3);
  });

  it('matches lme4’s conditional standard deviations and variance components', () => {
    for (const i of model.interviewers) expect(Math.abs(i.se - expected.get(i.interviewer)!.se)).toBeLessThanOrEqual(1e-3);
    expect(model.sigma).toBeCloseTo(params.sigma, 3);
    expect(model.sigmaCandidate).toBeCloseTo(params.sigma_candidate, 3);
    expect(model.sigmaInterviewer).toBeCloseTo(params.sigma_interviewer, 3);
    expect(model.remlDeviance).toBeCloseTo(params.reml_deviance, 2);
  });

  it('gives intervals of ±1.96 se and residuals for every rating', () => {
    for (const i of model.interviewers) expect(i.ciHigh - i.ciLow).toBeCloseTo(2 * 1.96 * i.se, 10);
    expect(model.residuals).toHaveLength(data.length);
  });

  it('fits the same with candidates pooled by rating count as one by one', () => {
    const [pooled, oneByOne] = [true, false].map((poolCandidates) => fitSeverityModel(data, { poolCandidates }));
    expect(pooled.remlDeviance).toBeCloseTo(oneByOne.remlDeviance, 8);
    pooled.interviewers.forEach((i, k) => {
      expect(i.estimate).toBeCloseTo(oneByOne.interviewers[k].estimate, 8);
      expect(i.se).toBeCloseTo(oneByOne.interviewers[k].se, 8);
    });
    pooled.residuals.forEach((r, k) => expect(r).toBeCloseTo(oneByOne.residuals[k], 8));
  });
});

describe('fitSeverityModel', () => {
  it('refuses empty data and a single interviewer', () => {
    expect(() => fitSeverityModel([])).toThrow(/no ratings/);
    expect(() => fitSeverityModel([{ candidate: 'c', interviewer: 'i', signal: 's', rating: 1 }])).toThrow(/two interviewers/);
  });

  it('is independent of the order of the input', () => {
    const data: RatingObservation[] = csv('balanced.data.csv').map((r) => ({ candidate: r.candidate, interviewer: r.interviewer, signal: r.signal, rating: Number(r.rating) }));
    const byId = (m: ReturnType<typeof fitSeverityModel>) => Object.fromEntries(m.interviewers.map((i) => [i.interviewer, i.estimate]));
    const a = byId(fitSeverityModel(data));
    const b = byId(fitSeverityModel([...data].reverse()));
    for (const id of Object.keys(a)) expect(b[id]).toBeCloseTo(a[id], 6);
  });

  it('reaches the same optimum from a previous fit’s θ (a refit after more ratings)', () => {
    const data: RatingObservation[] = csv('unbalanced.data.csv').map((r) => ({ candidate: r.candidate, interviewer: r.interviewer, signal: r.signal, rating: Number(r.rating) }));
    const earlier = fitSeverityModel(data.slice(0, Math.floor(data.length * 0.9)));
    const cold = fitSeverityModel(data);
    const warm = fitSeverityModel(data, { start: earlier.theta });
    expect(warm.remlDeviance).toBeCloseTo(cold.remlDeviance, 6);
    cold.interviewers.forEach((i, k) => expect(warm.interviewers[k].estimate).toBeCloseTo(i.estimate, 4));
  });
});
