/** "1 link", "3 links", "1 holarchy", "2 holarchies". */
export function plural(n: number | null | undefined, one: string, many = `${one}s`): string {
  const count = n ?? 0;
  return `${count} ${count === 1 ? one : many}`;
}
