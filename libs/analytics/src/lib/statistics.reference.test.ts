// Every statistic held to SciPy on the same data: test/fixtures/statistics/generate.py wrote
// scipy-references.json (SciPy 1.17). Tolerance 1e-6 unless stated.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auc } from './auc';
import { benjaminiHochberg } from './benjamini-hochberg';
import { pointBiserial, spearman } from './correlation';
import { chiSquareQuantile, chiSquareSurvival, fCdf } from './distributions';
import { chiSquareHomogeneity } from './drift';
import { icc1 } from './reliability';

const reference = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../test/fixtures/statistics/scipy-references.json'), 'utf8'));
const close = (actual: number | undefined, expected: number, tolerance = 1e-6) => expect(Math.abs((actual ?? NaN) - expected)).toBeLessThanOrEqual(tolerance);

describe('against SciPy', () => {
  it.each(reference.chiSquareHomogeneity.map((c: any, i: number) => [i, c]) as [number, any][])('chi-square homogeneity, table %i', (_, c: any) => {
    const result = chiSquareHomogeneity(c.table)!;
    close(result.statistic, c.statistic);
    expect(result.df).toBe(c.df);
    close(result.pValue, c.pValue);
  });

  it.each(reference.correlations.map((c: any) => [c.ratings.length, c]) as [number, any][])('Spearman, point-biserial and AUC with ties (n = %i)', (_, c: any) => {
    const rho = spearman(c.ratings, c.levels)!;
    close(rho.r, c.spearman.r);
    close(rho.pValue, c.spearman.pValue);
    const pb = pointBiserial(c.ratings, c.hired)!;
    close(pb.r, c.pointBiserial.r);
    close(pb.pValue, c.pointBiserial.pValue);
    close(auc(c.ratings, c.hired)!, c.auc);
  });

  it('Benjamini–Hochberg q-values', () => {
    benjaminiHochberg(reference.benjaminiHochberg.p).forEach((q, i) => close(q, reference.benjaminiHochberg.q[i], 1e-12));
  });

  it('chi-square and F distributions', () => {
    for (const c of reference.distributions.chiSquareSurvival) close(chiSquareSurvival(c.x, c.df), c.p, 1e-9);
    for (const c of reference.distributions.chiSquareQuantile95) close(chiSquareQuantile(0.95, c.df), c.x, 1e-6);
    for (const c of reference.distributions.fCdf) close(fCdf(c.f, c.df1, c.df2), c.p, 1e-9);
  });
});

describe('against psych::ICC (test/fixtures/reliability/generate.R)', () => {
  const lines = readFileSync(path.resolve(__dirname, '../../../../test/fixtures/reliability/icc-references.csv'), 'utf8').trim().split('\n').slice(1);
  it.each(lines.map((line) => line.split(',')).map(([c, values, expected]) => [Number(c), values.replace(/"/g, ''), Number(expected)] as [number, string, number]))(
    'ICC1 of case %i',
    (_, values, expected) => {
      const groups = values.split(';').map((row) => row.split(' ').map(Number));
      close(icc1(groups)!, expected, 1e-9);
    },
  );
});
