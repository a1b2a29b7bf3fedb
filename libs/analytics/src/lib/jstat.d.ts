// The parts of jStat (no bundled types) that Plumbline uses.
declare module 'jstat' {
  interface Distribution2 { cdf(x: number, a: number, b: number): number; inv(p: number, a: number, b: number): number }
  interface Distribution1 { cdf(x: number, a: number): number; inv(p: number, a: number): number }
  export const jStat: { chisquare: Distribution1; studentt: Distribution1; centralF: Distribution2; normal: Distribution2 };
}
