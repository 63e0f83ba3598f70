import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { filterChoices, moveActive, type Choice } from "../../lib/picker";

export type { Choice } from "../../lib/picker";

const OPTION_HEIGHT = 30;
const LIST_HEIGHT = 240;

/**
 * A text field that searches thousands of choices (WAI-ARIA combobox with a list popup): typing filters,
 * the arrow keys and PageUp/PageDown move through the matches, Enter or a click chooses, Escape closes and
 * keeps the choice. Only the options in view are in the page; the active one is scrolled into it.
 */
function Combobox({ label, choices, shown, onPick, placeholder, disabled, required, name, allowNew }: {
  label: string;
  choices: readonly Choice[];
  /** What the field shows while not being typed in (the choice made). */
  shown: string;
  onPick: (choice: Choice) => void;
  placeholder?: string;
  disabled?: boolean;
  required?: boolean;
  name?: string;
  /** Offer what was typed as a choice of its own (a reference to a component not made yet). */
  allowNew?: boolean;
}) {
  const id = useId();
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const matches = open ? withTyped(filterChoices(choices, query ?? ""), choices, allowNew ? (query ?? "").trim() : "") : [];
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: matches.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => OPTION_HEIGHT,
    overscan: 8,
    initialRect: { width: 0, height: LIST_HEIGHT },
  });
  useEffect(() => {
    if (open && active >= 0) virtualizer.scrollToIndex(active, { align: "auto" });
  }, [open, active, virtualizer]);
  const close = () => (setOpen(false), setQuery(null), setActive(-1));
  const pick = (choice: Choice) => (onPick(choice), close());
  const openAt = () => {
    const chosen = filterChoices(choices, "").findIndex((c) => c.label === shown);
    setOpen(true);
    setActive(chosen);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!open && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      e.preventDefault();
      openAt();
      return;
    }
    if (!open) return;
    const next = moveActive(e.key, active, matches.length);
    if (next !== null) {
      e.preventDefault();
      setActive(next);
    } else if (e.key === "Enter") {
      e.preventDefault(); // choosing is not submitting the form
      if (matches[active]) pick(matches[active]);
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation(); // a dialog around it stays open
      close();
    } else if (e.key === "Tab") close();
  };
  const optionId = (index: number) => `${id}-option-${index}`;
  return (
    <span className="picker">
      <input
        id={`${id}-input`}
        name={name}
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={open ? `${id}-list` : undefined}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[active] ? optionId(active) : undefined}
        autoComplete="off"
        value={query ?? shown}
        placeholder={placeholder}
        disabled={disabled}
        required={required}
        onChange={(e) => (setQuery(e.target.value), setOpen(true), setActive(e.target.value.trim() ? 0 : -1))}
        onClick={() => (open ? close() : openAt())}
        onKeyDown={onKeyDown}
        onBlur={close}
      />
      {open && (
        <div
          ref={scroller}
          id={`${id}-list`}
          role="listbox"
          // Named by what it holds, not by the field's label: a search by that label must find the field alone.
          aria-label={`${matches.length} ${matches.length === 1 ? "match" : "matches"}`}
          className="picker-list"
          style={{ maxHeight: LIST_HEIGHT }}
          // Pressing an option must not blur the field (which would close the list before the click).
          onMouseDown={(e) => e.preventDefault()}
        >
          {matches.length === 0 && <div className="picker-empty muted small">No match</div>}
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((row) => {
              const choice = matches[row.index];
              return (
                <div
                  key={choice.value}
                  id={optionId(row.index)}
                  role="option"
                  aria-selected={row.index === active}
                  aria-setsize={matches.length}
                  aria-posinset={row.index + 1}
                  className={`picker-option${row.index === active ? " active" : ""}`}
                  style={{ height: OPTION_HEIGHT, transform: `translateY(${row.start}px)`, paddingLeft: 8 + 14 * (choice.depth ?? 0) }}
                  onMouseMove={() => row.index !== active && setActive(row.index)}
                  // preventDefault: inside a <label>, the click would otherwise also "click" the field again.
                  onClick={(e) => (e.preventDefault(), pick(choice))}
                >
                  {choice.label}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </span>
  );
}

/** The matches, then what was typed as a new choice when it is no choice's value yet. */
function withTyped(matches: Choice[], choices: readonly Choice[], typed: string): Choice[] {
  if (!typed || choices.some((c) => c.value === typed)) return matches;
  return [...matches, { value: typed, label: `${typed} (not in the model yet)` }];
}

/** One choice among many (a component, a holon): `value` is the chosen choice's value, "" for none. */
export function Picker({ label, choices, value, onChange, placeholder = "Search…", disabled, required, name, allowNew }: {
  label: string;
  choices: readonly Choice[];
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  disabled?: boolean;
  required?: boolean;
  name?: string;
  allowNew?: boolean;
}) {
  const chosen = choices.find((c) => c.value === value) ?? (allowNew && value ? { value, label: value } : undefined);
  return (
    <Combobox
      label={label}
      choices={choices}
      shown={chosen?.label ?? ""}
      onPick={(c) => onChange(c.value)}
      placeholder={placeholder}
      disabled={disabled}
      required={required}
      name={name}
      allowNew={allowNew}
    />
  );
}

/** Several choices (peers, a partition's side): the field adds one, each chosen one is a removable chip after
 * it (after: a <label> around the picker labels its first field, which must be the search field). */
export function MultiPicker({ label, choices, values, onChange, placeholder = "Add…", disabled, allowNew }: {
  label: string;
  choices: readonly Choice[];
  values: readonly string[];
  onChange: (values: string[]) => void;
  placeholder?: string;
  disabled?: boolean;
  allowNew?: boolean;
}) {
  const byValue = new Map(choices.map((c) => [c.value, c]));
  const taken = new Set(values);
  return (
    <span className="multi-picker">
      <Combobox
        label={label}
        choices={choices.filter((c) => !taken.has(c.value))}
        shown=""
        onPick={(c) => onChange([...values, c.value])}
        placeholder={placeholder}
        disabled={disabled}
        allowNew={allowNew}
      />
      {values.length > 0 && (
        <ul className="chips">
          {values.map((v) => (
            <li key={v} className="chip">
              {byValue.get(v)?.label.trim() ?? v}
              <button type="button" className="link" aria-label={`${label}: remove ${v}`} disabled={disabled} onClick={() => onChange(values.filter((x) => x !== v))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
