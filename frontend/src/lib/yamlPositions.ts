/**
 * Where a validation issue stands in the YAML the user typed. The API names
 * each problem by its path into the document (`components/2/params/peers`);
 * the editor needs a line and a column. The `yaml` package parses the text
 * with source ranges, and `LineCounter` turns an offset into a line and
 * column. A path that ends at something missing (a required field not
 * written) points at the deepest part that exists: the item lacking it.
 */

import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";

export interface Issue {
  path: string;
  message: string;
}

export interface PlacedIssue extends Issue {
  /** Offsets into the text, for the editor's marks. */
  from: number;
  to: number;
  /** 1-based, for people. */
  line: number;
  column: number;
}

type Ranged = Node & { range?: [number, number, number] | null };

/** The node at `segments` (and, for a map key, the key node), or the deepest ancestor that exists. */
function locate(root: Ranged | null, segments: string[]): Ranged | null {
  let node: Ranged | null = root;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) return node;
      // A null value (`key:` with nothing after it) has no range of its own: point at the key.
      const value = pair.value as Ranged | null;
      node = value && value.range && value.range[1] > value.range[0] ? value : (pair.key as Ranged);
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Ranged | undefined;
      if (!item || !/^\d+$/.test(segment)) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}

/** Every issue placed in `text`; issues on a document that does not parse point at its start. */
export function placeIssues(text: string, issues: Issue[]): PlacedIssue[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false });
  return issues.map((issue) => {
    const segments = issue.path.split("/").filter((s) => s !== "");
    const node = locate(doc.contents as Ranged | null, segments);
    const [start, end] = node?.range ?? [0, 0];
    // A whole map or list spans many lines: mark its first line only, where the reader looks.
    const lineEnd = text.indexOf("\n", start);
    const to = Math.max(start + 1, Math.min(end, lineEnd === -1 ? text.length : lineEnd));
    const { line, col } = lineCounter.linePos(start);
    return { ...issue, from: start, to: Math.min(to, text.length), line, column: col };
  });
}

/** The YAML syntax errors of `text`, placed like API issues (these never reach the server). */
export function syntaxIssues(text: string): PlacedIssue[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return doc.errors.map((error) => {
    const [from, to] = error.pos;
    const { line, col } = lineCounter.linePos(from);
    return { path: "", message: error.message.split("\n")[0], from, to: Math.max(to, from + 1), line, column: col };
  });
}
