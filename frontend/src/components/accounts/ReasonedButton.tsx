import { useId, type ButtonHTMLAttributes } from "react";

/** A button that, when the caller's role cannot use it, stays visible but disabled, with the reason beside it. */
export function ReasonedButton({
  reason,
  children,
  disabled,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { reason?: string | null }) {
  const id = useId();
  return (
    <span className="reasoned">
      <button
        {...props}
        disabled={disabled || !!reason}
        aria-describedby={reason ? id : undefined}
        title={reason ?? undefined}
      >
        {children}
      </button>
      {reason && (
        <span id={id} className="small muted reason" data-testid="disabled-reason">
          {reason}
        </span>
      )}
    </span>
  );
}

/** "Your role: reviewer", where the role decides what the page offers. */
export function RoleBadge({ role }: { role: string | undefined }) {
  if (!role) return null;
  return (
    <span className="badge" data-testid="your-role">
      your role: {role}
    </span>
  );
}
