import { useEffect, useId, useRef, useState } from "react";
import { useNavigate } from "react-router-dom";
import { useMarkRead, useNotifications, useUnreadCount, type Notification } from "../../api/reviews";
import "./reviews.css";

const WHAT: Record<Notification["kind"], string> = {
  mention: "mentioned you in",
  review_requested: "asked you to review",
  decision: "decided on",
  reply: "replied in",
};

/** The header's bell: how many notifications are unread, and a menu of them (opening one marks it read). */
export function NotificationsMenu() {
  const unread = useUnreadCount();
  const [open, setOpen] = useState(false);
  const list = useNotifications(open);
  const mark = useMarkRead();
  const navigate = useNavigate();
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const count = unread.data ?? 0;
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        root.current?.querySelector("button")?.focus();
      }
    };
    const onClick = (e: MouseEvent) => root.current && !root.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);
  const go = (n: Notification) => {
    if (!n.read_at) mark.mutate(n.id, { onSuccess: () => void unread.refetch() });
    setOpen(false);
    navigate(`/models/${n.model}/reviews/${n.review}${n.thread ? `#thread-${n.thread}` : ""}`);
  };
  return (
    <div className="notifications" ref={root}>
      <button
        type="button"
        className="link"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={`Notifications, ${count} unread`}
        data-testid="notifications-button"
        onClick={() => setOpen((o) => !o)}
      >
        <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {count > 0 && <span className="badge bad" data-testid="unread-count">{count}</span>}
      </button>
      {open && (
        <div id={menuId} className="panel notifications-menu" role="region" aria-label="Notifications">
          <div className="panel-header">
            <strong>Notifications</strong>
            <div className="spacer" />
            <button type="button" className="link small" onClick={() => mark.mutate("all", { onSuccess: () => void unread.refetch() })}>
              Mark all read
            </button>
          </div>
          <ul className="notification-list">
            {list.data?.length === 0 && <li className="small muted">Nothing yet.</li>}
            {(list.data ?? []).map((n) => (
              <li key={n.id} className={n.read_at ? "read" : "unread"}>
                <button type="button" className="link" onClick={() => go(n)} data-testid="notification">
                  <strong>{n.actor}</strong> {WHAT[n.kind]} <em>{n.review_title}</em>
                  {n.excerpt && <span className="small muted"> “{n.excerpt}”</span>}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
