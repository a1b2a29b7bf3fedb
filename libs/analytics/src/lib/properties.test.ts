// Property-based tests (fast-check) of the invariants every input must keep: ranges of the
// measures, BH's q ≥ p, centred severity estimates, and results independent of input order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auc } from './auc';
import { benjaminiHochberg } from './benjamini-hochberg';
import { cohensKappa } from './cohens-kappa';
import { pearson, spearman } from './correlation';
import { psi } from './drift';
import { icc1, krippendorffAlphaOrdinal } from './reliability';
import { fitSeverityModel } from './severity-model';

const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-9);
/** A permutation of `xs` chosen by fast-check. */
const shuffled = <T>(xs: T[], keys: number[]) => xs.map((x, i) => [keys[i % keys.length] + i / 1e6, x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);

describe('properties of the measures', () => {
  it('Cohen’s kappa lies in [−1, 1] and ignores the order of pairs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 60 }), fc.array(fc.double({ noNaN: true }), { minLength: 1 }), (pairs, keys) => {
        const k = cohensKappa(pairs);
        if (k !== null) expect(Math.abs(k)).toBeLessThanOrEqual(1 + 1e-12);
        expect(close(cohensKappa(shuffled(pairs, keys)), k)).toBe(true);
      }),
    );
  });

  it('PSI is ≥ 0, and 0 for identical distributions', () => {
    const counts = fc.array(fc.nat(500), { minLength: 2, maxLength: 10 });
    fc.assert(
      fc.property(counts.chain((b) => fc.tuple(fc.constant(b), fc.array(fc.nat(500), { minLength: b.length, maxLength: b.length }))), ([baseline, actual]) => {
        expect(psi(baseline, actual)).toBeGreaterThanOrEqual(0);
        expect(psi(baseline, baseline)).toBeCloseTo(0, 12);
      }),
    );
  });

  it('AUC lies in [0, 1], is order-free, and flips to 1 − AUC when the outcome flips', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.boolean()), { minLength: 2, maxLength: 80 }), fc.array(fc.double({ noNaN: true }), { minLength: 1 }), (rows, keys) => {
        const value = auc(rows.map((r) => r[0]), rows.map((r) => r[1]));
        if (value === null) return;
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
        const again = shuffled(rows, keys);
        expect(auc(again.map((r) => r[0]), again.map((r) => r[1]))).toBeCloseTo(value, 12);
        expect(auc(rows.map((r) => r[0]), rows.map((r) => !r[1]))).toBeCloseTo(1 - value, 12);
      }),
    );
  });

  it('Benjamini–Hochberg q-values are ≥ their p-values, ≤ 1, and monotone in p', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 100 }), (p) => {
        const q = benjaminiHochberg(p);
        q.forEach((qi, i) => {
          expect(qi).toBeGreaterThanOrEqual(p[i] - 1e-15);
          expect(qi).toBeLessThanOrEqual(1);
        });
        for (let i = 0; i < p.length; i++) for (let j = 0; j < p.length; j++) if (p[i] < p[j]) expect(q[i]).toBeLessThanOrEqual(q[j] + 1e-15);
      }),
    );
  });

  it('correlations lie in [−1, 1] and ignore the order of pairs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 })), { minLength: 3, maxLength: 60 }), fc.array(fc.double({ noNaN: true }), { minLength: 1 }), (pairs, keys) => {
        for (const measure of [pearson, spearman]) {
          const r = measure(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
          if (!r) continue;
          expect(Math.abs(r.r)).toBeLessThanOrEqual(1 + 1e-12);
          const again = shuffled(pairs, keys);
          expect(measure(again.map((p) => p[0]), again.map((p) => p[1]))!.r).toBeCloseTo(r.r, 9);
        }
      }),
    );
  });

  it('ICC(1) and Krippendorff’s α never exceed 1 and ignore the order of units', () => {
    const unit = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(unit, { minLength: 3, maxLength: 30 }), fc.array(fc.double({ noNaN: true }), { minLength: 1 }), (units, keys) => {
        for (const measure of [icc1, krippendorffAlphaOrdinal]) {
          const value = measure(units);
          if (value === null) continue;
          expect(value).toBeLessThanOrEqual(1 + 1e-9);
          expect(close(measure(shuffled(units, keys)), value)).toBe(true);
        }
      }),
    );
  });
});

describe('properties of the severity model', () => {
  /** A small random panel design: every candidate seen by 2–3 of 4 interviewers on 2 signals. */
  const design = fc.array(
    fc.record({ panel: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 2, maxLength: 3 }), ratings: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 6, maxLength: 6 }) }),
    { minLength: 12, maxLength: 25 },
  );
  const observations = (candidates: { panel: number[]; ratings: number[] }[]) =>
    candidates.flatMap((c, ci) =>
      c.panel.flatMap((v, k) => ['a', 'b'].map((signal, si) => ({ candidate: `c${ci}`, interviewer: `i${v}`, signal, rating: c.ratings[(k * 2 + si) % 6] }))),
    );

  it('gives estimates that sum to zero, whatever the design and the order of ratings', () => {
    fc.assert(
      fc.property(design, fc.array(fc.double({ noNaN: true }), { minLength: 1 }), (candidates, keys) => {
        const data = observations(candidates);
        if (new Set(data.map((o) => o.interviewer)).size < 2) return;
        const model = fitSeverityModel(data);
        // b̂_v = σ_v² Z_v'V⁻¹r and every rating has one interviewer, so Σ_v b̂_v = σ_v² 1'V⁻¹r,
        // which is 0 because the signal effects span 1 and GLS residuals are V⁻¹-orthogonal to X.
        const sum = model.interviewers.reduce((total, i) => total + i.estimate, 0);
        expect(Math.abs(sum)).toBeLessThan(1e-6);
        const again = fitSeverityModel(shuffled(data, keys));
        const byId = new Map(again.interviewers.map((i) => [i.interviewer, i.estimate]));
        for (const i of model.interviewers) expect(byId.get(i.interviewer)!).toBeCloseTo(i.estimate, 4);
        for (const i of model.interviewers) expect(i.se).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 40 },
    );
  });
});
