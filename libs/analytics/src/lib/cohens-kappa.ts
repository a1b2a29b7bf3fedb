/**
 * Cohen's kappa for two binary raters (Cohen 1960): κ = (p_o − p_e) / (1 − p_e), where p_o is
 * observed agreement and p_e the agreement expected from each rater's marginal rates.
 * Here: an interviewer's hire/no-hire recommendation against the hiring decision.
 * Returns null when p_e = 1 (both always say the same thing: kappa is undefined).
 *
 * @example cohensKappa([[true, true], [false, false], [true, false], [true, true]]) // 0.5
 */
export function cohensKappa(pairs: [boolean, boolean][]): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const agree = pairs.filter(([a, b]) => a === b).length / n;
  const aYes = pairs.filter(([a]) => a).length / n;
  const bYes = pairs.filter(([, b]) => b).length / n;
  const expected = aYes * bYes + (1 - aYes) * (1 - bYes);
  return expected === 1 ? null : (agree - expected) / (1 - expected);
}
