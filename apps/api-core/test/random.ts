/** A small deterministic generator (LCG), so a failing fuzz or burst run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}
