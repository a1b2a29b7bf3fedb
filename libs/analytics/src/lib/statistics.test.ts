// Hand-checkable cases for every formula; the comment on each says where the number comes from.
import { describe, expect, it } from 'vitest';
import { auc } from './auc';
import { benjaminiHochberg } from './benjamini-hochberg';
import { cohensKappa } from './cohens-kappa';
import { addPairSums, fisherZTest, pairSums, pearson, pearsonFromSums } from './correlation';
import { cusum } from './cusum';
import { decisionAgreement, panelAgreement } from './decision-agreement';
import { chiSquareHomogeneity, psi, psiNullCutoff } from './drift';
import { decideFlags, severityOf } from './flags';
import { nelderMead } from './nelder-mead';
import { midRanks } from './ranks';
import { haloShare, rangeRestriction } from './rating-spread';
import { icc1, krippendorffAlphaOrdinal } from './reliability';

describe('midRanks', () => {
  it('averages tied ranks', () => expect(midRanks([3, 1, 3, 2])).toEqual([3.5, 1, 3.5, 2]));
});

describe('benjaminiHochberg', () => {
  // m = 3: sorted p 0.01, 0.03, 0.04 → 3·0.01/1 = 0.03, 3·0.03/2 = 0.045, 3·0.04/3 = 0.04 → monotone: 0.03, 0.04, 0.04.
  it('adjusts by rank and keeps q monotone', () => expect(benjaminiHochberg([0.01, 0.04, 0.03])).toEqual([0.03, 0.04, 0.04]));
  it('never goes below p or above 1', () => {
    const p = [0.5, 0.9, 0.001];
    benjaminiHochberg(p).forEach((q, i) => expect(q).toBeGreaterThanOrEqual(p[i]));
    expect(Math.max(...benjaminiHochberg([0.9, 0.95]))).toBeLessThanOrEqual(1);
  });
});

describe('cohensKappa', () => {
  // 4 pairs, 3 agree: p_o = .75; rater A yes .75, B yes .5: p_e = .375 + .125 = .5; κ = .25/.5 = .5.
  it('matches the textbook formula', () => expect(cohensKappa([[true, true], [false, false], [true, false], [true, true]])).toBe(0.5));
  it('is undefined when both always agree on one answer', () => expect(cohensKappa([[true, true], [true, true]])).toBeNull());
  it('is 1 for perfect agreement and −1 for perfect disagreement on balanced data', () => {
    expect(cohensKappa([[true, true], [false, false]])).toBe(1);
    expect(cohensKappa([[true, false], [false, true]])).toBe(-1);
  });
});

describe('auc', () => {
  it('is 1 for perfect separation, 0.5 for all ties, and counts ties half', () => {
    expect(auc([1, 2, 3, 4], [false, false, true, true])).toBe(1);
    expect(auc([2, 2, 2, 2], [false, true, false, true])).toBe(0.5);
    // Pairs (pos, neg): (3,1) win, (3,3) tie, (2,1) win, (2,3) loss → (2 + 0.5)/4.
    expect(auc([3, 2, 1, 3], [true, true, false, false])).toBe(0.625);
  });
  it('needs both classes', () => expect(auc([1, 2], [true, true])).toBeNull());
});

describe('pearson and fisherZTest', () => {
  it('is 1 on a line and refuses constants', () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 6, 8])!.r).toBeCloseTo(1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
  });
  // r .5 → .1 with n 103 each: z = (atanh .1 − atanh .5)/√(2/100) = (0.10034 − 0.54931)/0.14142 = −3.1747.
  it('compares two correlations on Fisher’s z scale', () => {
    const test = fisherZTest({ r: 0.5, n: 103, pValue: 0 }, { r: 0.1, n: 103, pValue: 0 })!;
    expect(test.z).toBeCloseTo(-3.1747, 3);
    expect(test.change).toBeCloseTo(-0.4, 12);
    expect(test.pValue).toBeCloseTo(0.0015, 4);
  });
});

describe('psi', () => {
  it('is 0 for identical shares and positive otherwise', () => {
    expect(psi([10, 20, 30], [10, 20, 30])).toBe(0);
    // Same shares, different sizes: only the smoothing differs, so PSI is tiny but not 0.
    expect(psi([10, 20, 30], [20, 40, 60])).toBeLessThan(1e-4);
    // Shares (smoothed by .5): b = (50.5, 50.5)/101, a = (90.5, 10.5)/101 →
    // (.89604 − .5) ln(.89604/.5) + (.10396 − .5) ln(.10396/.5) = .23104 + .62202 = .85306.
    expect(psi([50, 50], [90, 10])).toBeCloseTo(0.85306, 4);
  });
  it('keeps empty bins finite with the 0.5 smoothing', () => expect(Number.isFinite(psi([10, 0], [0, 10]))).toBe(true));
  // χ²(3, .95) = 7.8147; (1/30 + 1/30) · 7.8147 = 0.52098.
  it('has a null cut-off that shrinks with sample size', () => {
    expect(psiNullCutoff(4, 30, 30)).toBeCloseTo(0.52098, 4);
    expect(psiNullCutoff(4, 3000, 3000)).toBeLessThan(0.01);
  });
});

describe('chiSquareHomogeneity', () => {
  // [[10, 20], [20, 10]]: expected 15 everywhere, χ² = 4 · 25/15 = 6.667, df 1, p = .00982.
  it('matches the 2×2 hand computation', () => {
    const result = chiSquareHomogeneity([
      [10, 20],
      [20, 10],
    ])!;
    expect(result.statistic).toBeCloseTo(6.6667, 4);
    expect(result.df).toBe(1);
    expect(result.pValue).toBeCloseTo(0.00982, 4);
  });
});

describe('icc1', () => {
  // Shrout & Fleiss (1979) Table 2: six targets, four judges; ICC(1,1) = .17 (psych::ICC gives 0.1657).
  const sf = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
  ];
  it('reproduces Shrout & Fleiss ICC1 = .17', () => expect(icc1(sf)!).toBeCloseTo(0.1657, 4));
  it('needs two groups of two', () => expect(icc1([[1, 2]])).toBeNull());
});

describe('krippendorffAlphaOrdinal', () => {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the 4-observer, 12-unit
  // example with missing values: α_ordinal = 0.815.
  const units = [[1, 1, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4], [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [5, 5, 5], [1, 1], [3]];
  it('reproduces Krippendorff’s worked example', () => expect(krippendorffAlphaOrdinal(units)!).toBeCloseTo(0.815, 3));
  it('is 1 for perfect agreement among varied values', () => expect(krippendorffAlphaOrdinal([[1, 1], [3, 3], [4, 4]])).toBe(1));
});

describe('cusum', () => {
  it('stays quiet on noise-free data and finds a shift with its onset', () => {
    expect(cusum(new Array(50).fill(0)).alarm).toBeNull();
    // Zeros, then +1.5 per step from index 20: C⁺ grows by 1 a step, crosses 5 at index 25 (sum 6 > 5 on the 6th step).
    const z = [...new Array(20).fill(0), ...new Array(20).fill(1.5)];
    expect(cusum(z).alarm).toEqual({ index: 25, direction: 'up', onsetIndex: 20 });
    expect(cusum(z.map((x) => -x)).alarm).toEqual({ index: 25, direction: 'down', onsetIndex: 20 });
  });
});

describe('rangeRestriction and haloShare', () => {
  it('tests a smaller variance one-sided', () => {
    const own = [2, 3, 2, 3, 2, 3, 2, 3, 2, 3];
    const org = [1, 4, 2, 3, 1, 4, 2, 3, 1, 4, 2, 3];
    const result = rangeRestriction(own, org)!;
    // var(own) = 0.2778, var(org) = 1.3636 → ratio 0.2037.
    expect(result.varianceRatio).toBeCloseTo(0.2037, 4);
    expect(result.pValue).toBeLessThan(0.05);
  });
  it('counts flat scorecards among those with three or more signals', () => {
    expect(haloShare([[3, 3, 3], [3, 3, 4], [2, 2], [4, 4, 4, 4]])).toEqual({ share: 2 / 3, n: 3 });
  });
});

describe('decision and panel agreement', () => {
  it('computes the rate, kappa and AUC', () => {
    const result = decisionAgreement([
      { candidate: 'a', recommendsHire: true, meanRating: 3.5, hired: true },
      { candidate: 'b', recommendsHire: false, meanRating: 1.5, hired: false },
      { candidate: 'c', recommendsHire: true, meanRating: 3, hired: false },
      { candidate: 'd', recommendsHire: true, meanRating: 3.8, hired: true },
    ]);
    expect(result).toEqual({ rate: 0.75, kappa: 0.5, auc: 1, n: 4 });
  });
  it('compares with the other panelists only, skipping their ties', () => {
    // a: panel [true, true, false], others [true, false] tie → skipped; b: panel [false, true, true],
    // others [true, true] → disagree; c: panel [true, false], others [false] → disagree.
    expect(panelAgreement([{ recommendsHire: true, panelSize: 3, panelHires: 2 }, { recommendsHire: false, panelSize: 3, panelHires: 2 }, { recommendsHire: true, panelSize: 2, panelHires: 1 }])).toEqual({ rate: 0, n: 2 });
  });
});

describe('flags', () => {
  it('grades effects and flags only what survives the false-discovery control', () => {
    expect(severityOf(0.3, { warn: 0.25, alert: 0.5 })).toBe('warn');
    expect(severityOf(0.2, { warn: 0.5, alert: 0.3 }, true)).toBe('alert');
    const candidate = (subject: string, pValue: number) => ({ subject, effect: 0.6, n: 30, pValue, severity: 'alert' as const, eligible: true, message: subject });
    const flags = decideFlags('lenient', [candidate('a', 0.001), candidate('b', 0.04), candidate('c', 0.5)], 0.05);
    // q = (0.003, 0.06, 0.5): only a survives.
    expect(flags.map((f) => [f.subject, f.evidence.qValue])).toEqual([['a', 0.003]]);
  });
});

describe('pearson from sums', () => {
  it('pools samples by adding their sums', () => {
    // x = 1..5, y = 2x + noise; r of the pooled pairs equals r of the concatenation.
    const [x1, y1, x2, y2] = [[1, 2], [2.1, 3.9], [3, 4, 5], [6.2, 7.8, 10.1]];
    const pooled = pearsonFromSums(addPairSums(pairSums(x1, y1), pairSums(x2, y2)))!;
    expect(pooled.r).toBeCloseTo(pearson([...x1, ...x2], [...y1, ...y2])!.r, 12);
    expect(pooled.n).toBe(5);
  });
  it('is 1 for a line and null for a constant', () => {
    expect(pearson([1, 2, 3], [3, 5, 7])!.r).toBeCloseTo(1, 12);
    expect(pearson([0.1, 0.1, 0.1], [1, 2, 3])).toBeNull();
    expect(pearson([1, 2], [1, 2])).toBeNull();
  });
});

describe('nelderMead', () => {
  it('finds the minimum of a quadratic bowl', () => {
    const { point } = nelderMead(([x, y]) => (x - 1) ** 2 + 3 * (y + 2) ** 2, [0, 0]);
    expect(point[0]).toBeCloseTo(1, 5);
    expect(point[1]).toBeCloseTo(-2, 5);
  });
});

describe('calibration packs', () => {
  it('puts the candidate whose panel disagreed most first, with every panelist’s ratings', async () => {
    const { calibrationReport } = await import('./calibration-report');
    const { factColumns } = await import('./fact-columns');
    const row = (scorecardId: string, candidateId: string, interviewerId: string, signal: string, rating: number, overall = 'hire') => ({
      scorecardId, candidateId, interviewerId, rubricId: 'r', signal, rating, targetLevel: 'senior', overall, recommendedLevel: '', interviewedAt: '2026-01-01T00:00:00Z', decision: '', finalLevel: '',
    });
    const rows = [
      row('a1', 'calm', 'i1', 's', 3), row('a2', 'calm', 'i2', 's', 3),
      row('b1', 'split', 'i1', 's', 1, 'no_hire'), row('b2', 'split', 'i2', 's', 4),
    ];
    const packs = calibrationReport(factColumns(rows), [{ rubricId: 'r', scale: [1, 2, 3, 4], levels: [] }]).calibrationPacks;
    // Spread of "split" is 4 − 1 = 3; of "calm" 0.
    expect(packs.map((p) => [p.candidateId, p.disagreement, p.splitRecommendation])).toEqual([['split', 3, true], ['calm', 0, false]]);
    expect(packs[0].panelists.map((p) => p.ratings)).toEqual([{ s: 1 }, { s: 4 }]);
  });
});
