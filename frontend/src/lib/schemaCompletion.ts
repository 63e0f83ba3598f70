/**
 * Completion for the YAML editor from the model format's JSON Schema: where
 * the cursor stands (the path of keys and list items above it, read from
 * the indentation, which works on half-typed text a parser would refuse),
 * and what the schema allows there: the keys of an object, or the values of
 * an enum.
 */

type Schema = Record<string, unknown>;

export interface CursorPlace {
  /** Keys and "*" (a list item) from the document root down to the object the cursor is in. */
  path: string[];
  /** When the cursor is after `key:` on its line, the key whose value is being typed. */
  valueOf?: string;
  /** The word typed so far, which completion replaces. */
  word: string;
}

const KEY_LINE = /^(\s*)(-\s+)?([A-Za-z_][\w.-]*)\s*:(.*)$/;
const ITEM_LINE = /^(\s*)-(\s|$)/;

/** Where the cursor at `offset` stands in the YAML `text`. */
export function placeAt(text: string, offset: number): CursorPlace {
  const before = text.slice(0, offset);
  const lines = before.split("\n");
  const current = lines[lines.length - 1];
  const word = /[\w.-]*$/.exec(current)?.[0] ?? "";
  const path: string[] = [];
  let indent: number;
  let valueOf: string | undefined;
  const key = KEY_LINE.exec(current);
  const item = ITEM_LINE.exec(current);
  if (key && key[4].trim().length >= 0 && current.indexOf(":") < current.length - word.length) {
    valueOf = key[3];
    indent = key[1].length + (key[2]?.length ?? 0);
    if (key[2]) {
      path.unshift("*");
      indent = key[1].length;
    }
  } else if (item) {
    path.unshift("*");
    indent = item[1].length;
  } else {
    indent = current.length - current.trimStart().length;
  }
  for (let i = lines.length - 2; i >= 0 && indent > 0; i--) {
    const line = lines[i];
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const lineIndent = line.length - line.trimStart().length;
    const parentKey = KEY_LINE.exec(line);
    const dash = ITEM_LINE.exec(line);
    // "- key: value": the key sits inside the item, so the item's indent is the dash's, its keys' one past "- ".
    const keyIndent = parentKey ? parentKey[1].length + (parentKey[2]?.length ?? 0) : lineIndent;
    if (parentKey && keyIndent < indent) {
      path.unshift(parentKey[3]);
      indent = keyIndent;
    }
    if (dash && lineIndent < indent) {
      path.unshift("*");
      indent = lineIndent;
    }
  }
  return { path, valueOf, word };
}

function resolve(root: Schema, node: Schema | undefined): Schema | undefined {
  let current = node;
  for (let guard = 0; current && typeof current.$ref === "string" && guard < 20; guard++) {
    const name = (current.$ref as string).replace("#/$defs/", "");
    current = (root.$defs as Record<string, Schema> | undefined)?.[name];
  }
  return current;
}

/** The schemas a value at `path` may follow (several where the schema says oneOf/anyOf). */
export function schemasAt(root: Schema, path: string[]): Schema[] {
  let nodes: Schema[] = [root];
  for (const segment of path) {
    const next: Schema[] = [];
    for (const node of nodes.flatMap((n) => alternatives(root, n))) {
      if (segment === "*") {
        if (node.items) next.push(node.items as Schema);
      } else {
        const props = node.properties as Record<string, Schema> | undefined;
        if (props?.[segment]) next.push(props[segment]);
        else if (node.additionalProperties && typeof node.additionalProperties === "object") next.push(node.additionalProperties as Schema);
      }
    }
    nodes = next;
  }
  return nodes.flatMap((n) => alternatives(root, n));
}

function alternatives(root: Schema, node: Schema): Schema[] {
  const resolved = resolve(root, node);
  if (!resolved) return [];
  const options = (resolved.oneOf ?? resolved.anyOf) as Schema[] | undefined;
  return options ? [resolved, ...options.flatMap((o) => alternatives(root, o))] : [resolved];
}

export interface Suggestion {
  label: string;
  detail?: string;
  type: "property" | "enum";
}

/** What may be typed at `place`: the keys of the object there, or the allowed values of the key being typed. */
export function suggestions(root: Schema, place: CursorPlace): Suggestion[] {
  if (place.valueOf !== undefined) {
    const values = schemasAt(root, [...place.path, place.valueOf]).flatMap((s) => [
      ...((s.enum as unknown[] | undefined) ?? []),
      ...(s.const !== undefined ? [s.const] : []),
      ...(s.type === "boolean" ? [true, false] : []),
    ]);
    return [...new Set(values.map(String))].map((label) => ({ label, type: "enum" }));
  }
  const seen = new Map<string, Suggestion>();
  for (const s of schemasAt(root, place.path)) {
    for (const [key, sub] of Object.entries((s.properties as Record<string, Schema> | undefined) ?? {})) {
      const description = (resolve(root, sub)?.description ?? sub.description) as string | undefined;
      if (!seen.has(key)) seen.set(key, { label: key, detail: description, type: "property" });
    }
  }
  return [...seen.values()];
}
