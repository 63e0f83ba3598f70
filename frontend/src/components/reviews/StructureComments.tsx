import { useMemo, useState } from "react";
import { useLinks } from "../../api/queries";
import type { Anchor } from "../../api/reviews";
import { componentsUnder, type TreeNode } from "../../lib/holarchy";
import { CommentAction } from "./CommentAction";

interface Target {
  key: string;
  what: string;
  anchor: Anchor;
}

/** Links named as the version diff names them: ``from->to``, numbered ``#2``, ``#3`` when parallel. */
export function linkKeys(links: { source_key: string; target_key: string }[]): string[] {
  const seen = new Map<string, number>();
  return links.map((l) => {
    const base = `${l.source_key}->${l.target_key}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}

/** "Comment on" the selected holon, or on a component or a link inside it (the structure view's hook). */
export function StructureComments({ model, holarchy, node }: { model: number; holarchy: string; node: TreeNode }) {
  const links = useLinks(model);
  const targets = useMemo<Target[]>(() => {
    const inside = new Set(componentsUnder(node));
    const keys = linkKeys(links.data ?? []);
    return [
      { key: "holon", what: `holon ${node.holon.key}`, anchor: { anchor_kind: "holon", holarchy, holon: node.holon.key } },
      ...[...inside].map((c) => ({ key: `c:${c}`, what: `component ${c}`, anchor: { anchor_kind: "component" as const, component: c } })),
      ...(links.data ?? []).flatMap((l, i) =>
        inside.has(l.source_key) || inside.has(l.target_key)
          ? [{ key: `l:${keys[i]}`, what: `link ${keys[i]}`, anchor: { anchor_kind: "link" as const, link: keys[i] } }]
          : [],
      ),
    ];
  }, [holarchy, links.data, node]);
  const [chosen, setChosen] = useState("holon");
  const target = targets.find((t) => t.key === chosen) ?? targets[0];
  return (
    <div className="structure-comments stack" style={{ gap: 6, marginTop: 12 }}>
      <label className="field small">
        Discuss in a review
        <select aria-label="What to comment on" value={target.key} onChange={(e) => setChosen(e.target.value)}>
          {targets.map((t) => (
            <option key={t.key} value={t.key}>
              {t.what}
            </option>
          ))}
        </select>
      </label>
      <CommentAction key={target.key} model={model} anchor={target.anchor} what={target.what} />
    </div>
  );
}
