import { useState } from "react";
import type { Link } from "../../api/client";
import type { DelaySpec } from "../../api/modelDocument";
import { useLinks, useStructureEdits, useUpdateLink } from "../../api/queries";
import { formatPercent } from "../../lib/chart";
import { describeDelay } from "../../lib/holarchy";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";
import { ConfirmButton } from "./ConfirmButton";
import { LinkForm } from "./LinkForm";
import { VirtualTable } from "../common/VirtualTable";

/** Every directed channel with its delivery semantics; add, change (every field) or delete links, loss and duplication also in place. */
export function LinksPanel({ model, canWrite }: { model: number; canWrite: boolean }) {
  const links = useLinks(model);
  const update = useUpdateLink(model);
  const { removeLink } = useStructureEdits(model);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<number | null>(null);
  const edited = links.data?.find((l) => l.id === editing);
  const error = update.error ?? removeLink.error;
  return (
    <div className="panel">
      <div className="panel-header">
        <h2>Links</h2>
        <span className="muted small">the pneumatic tubes: a message may be lost, duplicated, reordered or delayed</span>
        <div className="spacer" />
        {canWrite && !adding && (
          <button className="primary small" onClick={() => (update.reset(), removeLink.reset(), setAdding(true))}>
            + New link
          </button>
        )}
      </div>
      {adding && <LinkForm model={model} onDone={() => setAdding(false)} />}
      {edited && <LinkForm key={edited.id} model={model} link={edited} onDone={() => setEditing(null)} />}
      {links.isPending && <Loading />}
      {links.isError && <ErrorMessage error={links.error} />}
      {error && (
        <div className="panel-body">
          <ErrorMessage error={error} />
        </div>
      )}
      {links.data && (
        <VirtualTable
          items={links.data}
          label="links"
          testId="links-table"
          searchText={(l) => `${l.source_key} ${l.target_key}`}
          head={
          <thead>
            <tr>
              <th>From</th>
              <th></th>
              <th>To</th>
              <th>Loss</th>
              <th>Duplication</th>
              <th>Reorder</th>
              <th>Delay</th>
              {canWrite && <th></th>}
            </tr>
          </thead>
          }
          row={(l) => (
              <LinkRow
                key={l.id}
                link={l}
                canWrite={canWrite}
                onChange={(body) => update.mutate({ id: l.id, ...body })}
                onEdit={() => (setAdding(false), setEditing(l.id))}
                onDelete={() => (update.reset(), removeLink.mutate({ id: l.id }))}
              />
          )}
        />
      )}
    </div>
  );
}

function LinkRow({ link, canWrite, onChange, onEdit, onDelete }: {
  link: Link;
  canWrite: boolean;
  onChange: (body: Partial<Link>) => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const name = `${link.source_key}→${link.target_key}`;
  return (
    <tr data-link={name}>
      <td className="mono">{link.source_key}</td>
      <td className="muted">{link.bidirectional ? "⇄" : "→"}</td>
      <td className="mono">{link.target_key}</td>
      <td>
        <ProbabilityCell value={link.loss ?? 0} editable={canWrite} label={`loss ${link.source_key}→${link.target_key}`} onSave={(loss) => onChange({ loss })} />
      </td>
      <td>
        <ProbabilityCell value={link.duplication ?? 0} editable={canWrite} label={`duplication ${link.source_key}→${link.target_key}`} onSave={(duplication) => onChange({ duplication })} />
      </td>
      <td>{link.reorder ? "yes" : "no"}</td>
      <td className="small">{describeDelay(link.delay as DelaySpec | null)}</td>
      {canWrite && (
        <td className="nowrap" style={{ textAlign: "right" }}>
          <button type="button" className="small" aria-label={`Edit link ${name}`} onClick={onEdit}>
            Edit
          </button>{" "}
          <ConfirmButton label={`Delete link ${name}`} confirm={`Delete ${name}`} onConfirm={onDelete} />
        </td>
      )}
    </tr>
  );
}

function ProbabilityCell({ value, editable, label, onSave }: { value: number; editable: boolean; label: string; onSave: (v: number) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const text = formatPercent(value);
  if (!editable) return <span className={value > 0 ? "badge warn" : ""}>{text}</span>;
  if (draft === null)
    return (
      <button className="link" title="Edit" onClick={() => setDraft(String(value))}>
        <span className={value > 0 ? "badge warn" : ""}>{text}</span>
      </button>
    );
  const commit = () => {
    const v = Number(draft);
    if (Number.isFinite(v) && v !== value) onSave(v);
    setDraft(null);
  };
  return (
    <input
      aria-label={label}
      type="number"
      min={0}
      max={1}
      step={0.01}
      style={{ width: 80 }}
      value={draft}
      autoFocus
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === "Enter") commit();
        if (e.key === "Escape") setDraft(null);
      }}
    />
  );
}
