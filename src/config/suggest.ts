// "did you mean": the known name nearest to a misspelt one, by edit distance (catches `timout`,
// `entry`, `failon`), or none when nothing is close enough to be a typo.

/** Levenshtein distance, case-insensitive, two rows (names are short). */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length];
}

export function closest(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: { name: string; score: number } | undefined;
  for (const candidate of known) {
    const c = candidate.toLowerCase();
    // A long shared start ("entry" -> "entries", "timeouts" -> "timeout") counts as close too.
    let shared = 0;
    while (shared < c.length && shared < lower.length && c[shared] === lower[shared]) shared++;
    const prefix = shared >= Math.max(4, Math.min(c.length, lower.length) - 1);
    const distance = prefix ? 1 : editDistance(lower, c);
    const limit = Math.max(1, Math.floor(Math.max(lower.length, c.length) / 3));
    if (distance <= limit && (!best || distance < best.score)) best = { name: candidate, score: distance };
  }
  return best?.name;
}
