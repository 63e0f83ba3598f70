import { useMemo, useState } from "react";
import type { HolarchySpec } from "../../api/modelDocument";
import type { Counterexample } from "../../api/types-extra";
import { localViewAt, pathSnapshots } from "../../lib/pathViews";
import { parseTraceLines } from "../../lib/trace";
import { GlobalView } from "../viewer/GlobalView";
import { LocalView } from "../viewer/LocalView";
import { SpaceTimeDiagram } from "../viewer/SpaceTimeDiagram";

interface Props {
  trace: Counterexample;
  step: number;
  onStep: (step: number) => void;
  holarchies?: HolarchySpec[];
  testId: string;
}

/**
 * A path through the behavior space (a counterexample, or the way to one
 * explored state) step by step, in the run viewer's own views: the
 * space-time diagram, the global view and the chosen component's local view.
 * For a lasso, where the loop returns.
 */
export function PathViewer({ trace, step, onStep, holarchies, testId }: Props) {
  const snapshots = useMemo(() => (trace.lines ? pathSnapshots(trace.lines) : []), [trace.lines]);
  const spaceTime = useMemo(() => (trace.lines ? parseTraceLines(trace.lines) : undefined), [trace.lines]);
  const shown = Math.min(step, trace.steps.length - 1);
  const snapshot = snapshots[trace.steps[shown]?.step ?? 0];
  const components = Object.keys(snapshot?.global.components ?? {});
  const [chosen, setChosen] = useState<string | undefined>();
  const selected = chosen && components.includes(chosen) ? chosen : components[0];
  const local = snapshot && selected ? localViewAt(snapshot, selected, shown) : undefined;
  return (
    <div className="stack" data-testid={testId}>
      {spaceTime && spaceTime.deltas.length > 0 && (
        <SpaceTimeDiagram deltas={spaceTime.deltas} components={spaceTime.components} step={shown} selected={selected} onStep={onStep} holarchies={holarchies} />
      )}
      <div className="row" style={{ alignItems: "flex-start", gap: 16, flexWrap: "nowrap" }}>
        <ol className="msg-list path-steps" style={{ listStyle: "none", minWidth: 240, maxHeight: 520, overflow: "auto" }} aria-label="Steps">
          {trace.steps.map((s, i) => (
            <li key={i}>
              <button
                className={`link-button${i === shown ? " current" : ""}`}
                aria-current={i === shown ? "step" : undefined}
                onClick={() => onStep(i)}
                style={{ textAlign: "left", width: "100%", padding: "5px 8px", borderRadius: 5, background: i === shown ? "var(--accent-soft)" : undefined }}
              >
                <span className="muted mono">{String(s.step).padStart(2, " ")}.</span> <strong>{s.actor}</strong> {s.action}
                {trace.loop_start !== null && i === trace.loop_start && <span className="badge warn" style={{ marginLeft: 6 }}>loop returns here</span>}
              </button>
            </li>
          ))}
          {trace.loop_start !== null && (
            <li className="small muted">After the last step the behavior returns to step {trace.loop_start} and repeats forever: the good thing never happens.</li>
          )}
        </ol>
        {snapshot && (
          <div className="viewer-grid grow">
            <GlobalView global={snapshot.global} step={shown} selected={selected} onSelect={setChosen} holarchies={holarchies} />
            {local && <LocalView local={local} />}
          </div>
        )}
      </div>
    </div>
  );
}
