import { useHealth } from "../../api/queries";
import type { HealthPart } from "../../api/types-extra";

const PARTS: { key: "database" | "broker" | "workers"; label: string }[] = [
  { key: "database", label: "database" },
  { key: "broker", label: "broker" },
  { key: "workers", label: "workers" },
];

function describe(label: string, part: HealthPart | undefined): string {
  if (!part) return `${label}: unknown`;
  const extra = part.count ? ` (${part.count})` : "";
  return `${label}: ${part.status}${extra}`;
}

/** Three dots in the header: can the app store models, queue runs, and run them right now. */
export function HealthIndicator() {
  const health = useHealth();
  return (
    <div className="health" data-testid="health" aria-label="System health">
      {PARTS.map(({ key, label }) => {
        const part = health.data?.[key];
        const status = health.isError ? "down" : (part?.status ?? "unknown");
        return (
          <span key={key} className="health-dot" title={describe(label, part)} data-status={status}>
            <span className={`dot ${status}`} />
            {label}
          </span>
        );
      })}
    </div>
  );
}
