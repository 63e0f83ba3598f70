import { useRef, useState, type ReactNode } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";

/** Lists longer than this render only the rows in view. */
export const VIRTUAL_FROM = 150;
const ROW_HEIGHT = 41;

/**
 * A table whose rows can number in the thousands: a search box filters them
 * (by the text `searchText` gives each), and past VIRTUAL_FROM rows only those
 * in the scrolled view are in the page, between two spacer rows.
 */
export function VirtualTable<T>({ items, head, row, searchText, label, testId }: {
  items: T[];
  head: ReactNode;
  row: (item: T) => ReactNode;
  searchText: (item: T) => string;
  label: string;
  testId?: string;
}) {
  const [query, setQuery] = useState("");
  const needle = query.trim().toLowerCase();
  const shown = needle ? items.filter((item) => searchText(item).toLowerCase().includes(needle)) : items;
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = shown.length > VIRTUAL_FROM;
  const virtualizer = useVirtualizer({
    count: virtual ? shown.length : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const rows = virtualizer.getVirtualItems();
  const before = virtual && rows.length ? rows[0].start : 0;
  const after = virtual && rows.length ? virtualizer.getTotalSize() - rows[rows.length - 1].end : 0;
  return (
    <>
      {items.length > 10 && (
        <div className="panel-body" style={{ paddingBottom: 0 }}>
          <input type="search" aria-label={`Search ${label}`} placeholder={`Search ${items.length} ${label}…`} value={query} onChange={(e) => setQuery(e.target.value)} />
          {needle && <span className="small muted"> {shown.length} shown</span>}
        </div>
      )}
      <div ref={scroller} className={virtual ? "table-scroll" : undefined}>
        <table className="data" data-testid={testId}>
          {head}
          <tbody>
            {before > 0 && <tr aria-hidden style={{ height: before }} />}
            {virtual ? rows.map((r) => row(shown[r.index])) : shown.map(row)}
            {after > 0 && <tr aria-hidden style={{ height: after }} />}
          </tbody>
        </table>
      </div>
    </>
  );
}
