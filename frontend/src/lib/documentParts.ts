/** Reading a model document for the editors' pickers: its holons by holarchy, and optional numbers typed in forms. */

import type { HolonSpec, ModelDocument } from "../api/modelDocument";
import type { Choice } from "./picker";

export interface HolonChoice {
  id: string;
  depth: number;
  level: string | undefined;
}

/** Every holon of a holarchy of the document, root first, in tree order, with its level name. */
export function holonChoices(document: ModelDocument | undefined, holarchy: string): HolonChoice[] {
  const spec = document?.holarchies?.find((h) => h.name === holarchy);
  if (!spec) return [];
  const out: HolonChoice[] = [];
  const walk = (holon: HolonSpec, depth: number) => {
    out.push({ id: holon.id, depth, level: spec.levels?.[depth] });
    for (const child of holon.children ?? []) walk(child, depth + 1);
  };
  walk(spec.root, 0);
  return out;
}

/** A holarchy's holons as a picker's choices: in tree order, indented, each with its level name. */
export function holonPickerChoices(document: ModelDocument | undefined, holarchy: string): Choice[] {
  return holonChoices(document, holarchy).map((h) => ({ value: h.id, label: h.level ? `${h.id} (${h.level})` : h.id, depth: h.depth }));
}

/** A number field's text as a number, or undefined when left empty. */
export function optionalNumber(text: string): number | undefined {
  return text.trim() === "" || !Number.isFinite(Number(text)) ? undefined : Number(text);
}

/** An object without the keys whose value is undefined (the API wants absent, not null, for unset fields). */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
