/** Reading a holarchy of the model document: a holon's components, the holons at its top, a component's place. */

import type { HolarchySpec, HolonSpec, ModelDocument } from "../api/modelDocument";

export function membersOf(holon: HolonSpec): string[] {
  return [...(holon.components ?? []), ...(holon.children ?? []).flatMap(membersOf)];
}

function findHolon(holon: HolonSpec, id: string): HolonSpec | undefined {
  if (holon.id === id) return holon;
  for (const child of holon.children ?? []) {
    const found = findHolon(child, id);
    if (found) return found;
  }
  return undefined;
}

/** The components of a holon of a holarchy of the document (none when it is not there). */
export function holonMembers(doc: ModelDocument, holarchy: string, holon: string): string[] {
  const h = doc.holarchies?.find((x) => x.name === holarchy);
  const found = h ? findHolon(h.root, holon) : undefined;
  return found ? membersOf(found) : [];
}

/** The root's children with their components; components directly under the root (or in no holon) form one more. */
export function topHolons(holarchy: HolarchySpec | undefined, components: string[]): { id: string; components: string[] }[] {
  if (!holarchy) return [{ id: "all", components }];
  const root = holarchy.root;
  const tops = (root.children ?? []).map((h) => ({ id: h.id, components: membersOf(h) }));
  const placed = new Set(tops.flatMap((w) => w.components));
  const rest = components.filter((c) => !placed.has(c));
  return rest.length ? [...tops, { id: root.id, components: rest }] : tops;
}

/** The holons from the root down to the one holding `component` directly (empty when it is not placed). */
export function holonPath(holon: HolonSpec, component: string): string[] {
  if (holon.components?.includes(component)) return [holon.id];
  for (const child of holon.children ?? []) {
    const below = holonPath(child, component);
    if (below.length) return [holon.id, ...below];
  }
  return [];
}
