import { useState } from "react";
import { CommentAction } from "./CommentAction";

/** "Comment on" one entry of a version diff (the versions panel's hook): a thread anchored on what changed. */
export function DiffComments({ model, against, entries }: { model: number; against: number; entries: [string, string][] }) {
  const [chosen, setChosen] = useState(0);
  if (entries.length === 0) return null;
  const [section, item] = entries[Math.min(chosen, entries.length - 1)];
  return (
    <div className="row" style={{ gap: 8, alignItems: "flex-start" }}>
      <label className="field small">
        Discuss a change in a review
        <select aria-label="Change to comment on" value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
          {entries.map(([s, i], index) => (
            <option key={`${s}/${i}`} value={index}>
              {s}: {i}
            </option>
          ))}
        </select>
      </label>
      <CommentAction key={`${section}/${item}`} model={model} anchor={{ anchor_kind: "diff", diff_section: section, diff_item: item, against }} what={`${section} ${item}`} />
    </div>
  );
}
