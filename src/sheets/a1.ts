/** A1 notation for the product's own ranges (formulas, conditional formats, problem addresses). */

/** 1 → 'A', 27 → 'AA'; '?' for a column that is not there (0), so an address still reads as one. */
export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters || '?';
}
