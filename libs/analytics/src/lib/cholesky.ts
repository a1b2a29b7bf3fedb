/**
 * Cholesky factor L (lower, A = L Lᵀ) of a symmetric positive-definite matrix given as rows.
 * O(n³/3). @throws when A is not positive definite.
 */
export function cholesky(a: number[][]): number[][] {
  const n = a.length;
  const l = a.map(() => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let d = a[j][j];
    for (let k = 0; k < j; k++) d -= l[j][k] * l[j][k];
    if (!(d > 0)) throw new Error('cholesky: matrix is not positive definite');
    l[j][j] = Math.sqrt(d);
    for (let i = j + 1; i < n; i++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      l[i][j] = s / l[j][j];
    }
  }
  return l;
}

/** log det A = 2 Σ log L_ii. */
export function logDetFromCholesky(l: number[][]): number {
  return 2 * l.reduce((sum, row, i) => sum + Math.log(row[i]), 0);
}

/** Solves A x = b given A's Cholesky factor: forward then back substitution. */
export function solveCholesky(l: number[][], b: number[]): number[] {
  const n = l.length;
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i][k] * y[k];
    y[i] = s / l[i][i];
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k][i] * x[k];
    x[i] = s / l[i][i];
  }
  return x;
}

/** Diagonal of A⁻¹ from A's Cholesky factor, one solve per column: O(n³). */
export function inverseDiagonal(l: number[][]): number[] {
  return l.map((_, i) => {
    const e = new Array<number>(l.length).fill(0);
    e[i] = 1;
    return solveCholesky(l, e)[i];
  });
}
