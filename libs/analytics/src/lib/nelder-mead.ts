/**
 * Minimises `f` from `start` with the Nelder–Mead simplex method (Nelder & Mead 1965; the
 * standard coefficients reflection 1, expansion 2, contraction ½, shrink ½). Derivative-free,
 * so it suits profiled likelihoods. Stops when the simplex's values differ by less than
 * `tolerance` or after `maxIterations`.
 *
 * @example nelderMead(([x, y]) => (x - 1) ** 2 + (y + 2) ** 2, [0, 0]).point // ≈ [1, -2]
 */
export function nelderMead(f: (x: number[]) => number, start: number[], { step = 0.5, tolerance = 1e-10, maxIterations = 2_000 } = {}): { point: number[]; value: number } {
  const n = start.length;
  let simplex = [start, ...start.map((_, i) => start.map((x, j) => (i === j ? x + (x === 0 ? step : step * Math.max(1, Math.abs(x))) : x)))].map((point) => ({ point, value: f(point) }));
  const combine = (a: number[], b: number[], t: number) => a.map((x, i) => x + t * (b[i] - x));

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0];
    const worst = simplex[n];
    if (Math.abs(worst.value - best.value) <= tolerance * (Math.abs(best.value) + tolerance)) break;
    const centroid = start.map((_, j) => simplex.slice(0, n).reduce((sum, v) => sum + v.point[j], 0) / n);
    const reflected = combine(centroid, worst.point, -1);
    const fr = f(reflected);
    if (fr < best.value) {
      const expanded = combine(centroid, worst.point, -2);
      const fe = f(expanded);
      simplex[n] = fe < fr ? { point: expanded, value: fe } : { point: reflected, value: fr };
    } else if (fr < simplex[n - 1].value) {
      simplex[n] = { point: reflected, value: fr };
    } else {
      const contracted = fr < worst.value ? combine(centroid, reflected, 0.5) : combine(centroid, worst.point, 0.5);
      const fc = f(contracted);
      if (fc < Math.min(fr, worst.value)) simplex[n] = { point: contracted, value: fc };
      else simplex = simplex.map((v, i) => (i === 0 ? v : { point: combine(best.point, v.point, 0.5), value: f(combine(best.point, v.point, 0.5)) }));
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  return simplex[0];
}
