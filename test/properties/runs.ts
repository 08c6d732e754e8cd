// How many generated cases each property is checked on; the README's Reliability section quotes
// them.

/** Runs per property. */
export const RUNS = {
  placement: 300,
  outsiders: 200,
  oracle: 300,
  permutation: 200,
  neverThrows: 200,
  svg: 200,
  page: 200,
}
