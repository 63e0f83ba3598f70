/** One choice of a picker: `value` is what is stored, `label` what is shown and searched. */
export interface Choice {
  value: string;
  label: string;
  /** Indentation, for holons listed in tree order. */
  depth?: number;
}

/**
 * The choices matching what was typed (case-insensitively, in the label or the value): exact matches first,
 * then those starting with it, then those containing it, each group in the given order (a tree's order).
 * Nothing typed: every choice as given.
 */
export function filterChoices(choices: readonly Choice[], query: string): Choice[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [...choices];
  const ranked: Choice[][] = [[], [], []];
  for (const choice of choices) {
    const texts = [choice.label.toLowerCase(), choice.value.toLowerCase()];
    if (texts.some((t) => t === needle)) ranked[0].push(choice);
    else if (texts.some((t) => t.startsWith(needle))) ranked[1].push(choice);
    else if (texts.some((t) => t.includes(needle))) ranked[2].push(choice);
  }
  return ranked.flat();
}

/** How far PageUp and PageDown move the active option. */
export const PAGE = 10;

/**
 * The active option after a key press in an open list of `count` options (`active` -1: none yet), or null
 * for a key that does not move it. Home and End stay with the text field, as the combobox pattern has it.
 */
export function moveActive(key: string, active: number, count: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  switch (key) {
    case "ArrowDown":
      return Math.min(active + 1, last);
    case "ArrowUp":
      return Math.max(active - 1, 0);
    case "PageDown":
      return Math.min(Math.max(active, 0) + PAGE, last);
    case "PageUp":
      return Math.max(active - PAGE, 0);
    default:
      return null;
  }
}
