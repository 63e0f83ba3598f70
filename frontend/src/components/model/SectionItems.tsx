import { useState, type ReactNode } from "react";
import { ConfirmButton } from "./ConfirmButton";

/**
 * A list of named items of one document section (safety properties, SLOs,
 * scenarios...): each shown by `summary`, changed through `form`, deleted in
 * place; `onSave` gets the whole new list, which replaces the section.
 */
export function SectionItems<T extends { name: string }>({ items, canWrite, noun, empty, summary, form, onSave }: {
  items: T[];
  canWrite: boolean;
  noun: string;
  empty: string;
  summary: (item: T) => ReactNode;
  form: (props: { item?: T; onSubmit: (item: T) => void; onCancel: () => void }) => ReactNode;
  onSave: (items: T[], done: () => void) => void;
}) {
  const [editing, setEditing] = useState<number | "new" | null>(null);
  const done = () => setEditing(null);
  const submit = (index: number | "new") => (item: T) =>
    onSave(index === "new" ? [...items, item] : items.map((old, i) => (i === index ? item : old)), done);
  return (
    <div className="panel-body stack" style={{ gap: 8 }}>
      {items.length === 0 && editing !== "new" && <p className="empty" style={{ margin: 0 }}>{empty}</p>}
      {items.map((item, i) =>
        editing === i ? (
          <div key={item.name}>{form({ item, onSubmit: submit(i), onCancel: done })}</div>
        ) : (
          <div key={item.name} className="item-card" data-item={item.name}>
            <div className="row spread">
              <div className="grow">{summary(item)}</div>
              {canWrite && (
                <span className="row nowrap" style={{ gap: 6 }}>
                  <button type="button" className="small" aria-label={`Edit ${noun} ${item.name}`} onClick={() => setEditing(i)}>
                    Edit
                  </button>
                  <ConfirmButton label={`Delete ${noun} ${item.name}`} confirm={`Delete ${item.name}`} onConfirm={() => onSave(items.filter((_, j) => j !== i), done)} />
                </span>
              )}
            </div>
          </div>
        ),
      )}
      {editing === "new" && form({ onSubmit: submit("new"), onCancel: done })}
      {canWrite && editing === null && (
        <div>
          <button type="button" className="small primary" onClick={() => setEditing("new")}>
            + New {noun}
          </button>
        </div>
      )}
    </div>
  );
}

/** The name every section item has, first in its form. */
export function NameField({ value, onChange, placeholder }: { value: string; onChange: (v: string) => void; placeholder?: string }) {
  return (
    <label className="field">
      Name
      <input value={value} onChange={(e) => onChange(e.target.value)} required autoFocus placeholder={placeholder} />
    </label>
  );
}

/** Save and cancel, last in an item's form. */
export function FormButtons({ onCancel, disabled, label }: { onCancel: () => void; disabled?: boolean; label: string }) {
  return (
    <div className="row">
      <button className="primary" type="submit" disabled={disabled}>
        {label}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

