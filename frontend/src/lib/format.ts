/** "1 link", "3 links", "1 holarchy", "2 holarchies". */
export function plural(n: number | null | undefined, one: string, many = `${one}s`): string {
  const count = n ?? 0;
  return `${count} ${count === 1 ? one : many}`;
}

/** A duration for a job's progress line: "45 s", "3 min 20 s", "2 h 5 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ""}`;
  const minutes = Math.floor((s % 3600) / 60);
  return `${Math.floor(s / 3600)} h${minutes ? ` ${minutes} min` : ""}`;
}
