/**
 * The mistakes in an expression that can be caught while typing, before the
 * server checks it against the engine's grammar: brackets that do not pair
 * up and strings left open.
 */

const PAIRS: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/** A short message saying what is wrong, or null when the brackets and quotes are balanced. */
export function bracketProblem(expr: string): string | null {
  const open: { char: string; at: number }[] = [];
  let quote: string | null = null;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === "(" || c === "[" || c === "{") open.push({ char: c, at: i });
    else if (c in PAIRS) {
      const last = open.pop();
      if (!last || last.char !== PAIRS[c]) return `unexpected “${c}” at column ${i + 1}`;
    }
  }
  if (quote) return `a string opened with ${quote} is not closed`;
  const last = open.pop();
  return last ? `“${last.char}” at column ${last.at + 1} is not closed` : null;
}
