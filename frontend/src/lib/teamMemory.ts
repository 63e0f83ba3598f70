/** The team the user looked at last, so the next visit opens its gallery. */
const KEY = "holarchy.team";

export function rememberedTeam(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function rememberTeam(slug: string): void {
  try {
    localStorage.setItem(KEY, slug);
  } catch {
    // Private mode: forgetting is harmless.
  }
}
