// Referenced, not imported (an ambient declaration is no module), so that every project compiling
// this file through its imports (`npm run build`) sees the declaration too.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./jstat.d.ts" />
import { jStat } from 'jstat';

/** Upper tail P(X ≥ x) of χ²(df). */
export const chiSquareSurvival = (x: number, df: number): number => 1 - jStat.chisquare.cdf(x, df);
/** The q-quantile of χ²(df). */
export const chiSquareQuantile = (q: number, df: number): number => jStat.chisquare.inv(q, df);
/** P(F ≤ f) for F(df1, df2). */
export const fCdf = (f: number, df1: number, df2: number): number => jStat.centralF.cdf(f, df1, df2);
/** Two-sided p-value of a Student t statistic. */
export const tTwoSided = (t: number, df: number): number => 2 * (1 - jStat.studentt.cdf(Math.abs(t), df));
/** Two-sided p-value of a standard normal statistic. */
export const zTwoSided = (z: number): number => 2 * (1 - jStat.normal.cdf(Math.abs(z), 0, 1));
