/** Which page of steps the space-time diagram shows around the current step. */
export const WINDOW_STEPS = 300;

export function windowAround(step: number, lastStep: number, size = WINDOW_STEPS): { from: number; to: number } {
  if (lastStep < 1) return { from: 1, to: 1 };
  const index = Math.floor((Math.max(1, Math.min(step, lastStep)) - 1) / size);
  const from = index * size + 1;
  return { from, to: Math.min(lastStep, from + size - 1) };
}
