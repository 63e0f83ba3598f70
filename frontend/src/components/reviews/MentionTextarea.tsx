import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";

/** The word being typed after an "@" at the caret, if any (the mention to complete). */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(?:^|[^\w.@])@([\w.+-]*)$/.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[1].length - 1, query: match[1] };
}

/**
 * A comment box whose "@" offers the team's members (a WAI-ARIA combobox): arrows move through the
 * suggestions, Enter or Tab takes one, Escape closes them. Ctrl+Enter submits.
 */
export function MentionTextarea({
  value,
  onChange,
  members,
  onSubmit,
  label,
  autoFocus,
}: {
  value: string;
  onChange: (text: string) => void;
  members: string[];
  onSubmit?: () => void;
  label: string;
  autoFocus?: boolean;
}) {
  const listId = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const mention = mentionAt(value, caret);
  const suggestions = useMemo(
    () => (mention ? members.filter((m) => m.toLowerCase().startsWith(mention.query.toLowerCase())).slice(0, 8) : []),
    [mention, members],
  );
  const open = !dismissed && suggestions.length > 0;
  // Where the caret goes once a taken mention is in the DOM: set in the same commit, before the next
  // keystroke can land (a later frame would move the caret back over what was typed meanwhile).
  const caretAfterTake = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (caretAfterTake.current === null) return;
    ref.current?.setSelectionRange(caretAfterTake.current, caretAfterTake.current);
    caretAfterTake.current = null;
  });

  const take = (name: string) => {
    if (!mention) return;
    const next = `${value.slice(0, mention.start)}@${name} ${value.slice(caret)}`;
    const at = mention.start + name.length + 2;
    caretAfterTake.current = at;
    onChange(next);
    setCaret(at);
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && onSubmit) {
      e.preventDefault();
      onSubmit();
      return;
    }
    if (!open) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => (i + (e.key === "ArrowDown" ? 1 : suggestions.length - 1)) % suggestions.length);
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      take(suggestions[Math.min(active, suggestions.length - 1)]);
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      setDismissed(true);
    }
  };
  return (
    <div className="mention-box">
      <textarea
        ref={ref}
        aria-label={label}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        autoFocus={autoFocus}
        rows={3}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setCaret(e.target.selectionStart);
          setActive(0);
          setDismissed(false);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKey}
      />
      <ul id={listId} role="listbox" className="mention-list" hidden={!open} aria-label="Members to mention">
        {open &&
          suggestions.map((name, i) => (
            <li
              key={name}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                take(name);
              }}
            >
              @{name}
            </li>
          ))}
      </ul>
    </div>
  );
}
