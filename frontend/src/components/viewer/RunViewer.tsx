import { useCallback, useMemo } from "react";
import { useTraceLocal, useTraceStep, useTraceWindow } from "../../api/queries";
import { clampStep, describeDelta, messageIndex, NOTABLE_KINDS, seekStep } from "../../lib/trace";
import { windowAround } from "../../lib/window";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";
import { GlobalView } from "./GlobalView";
import { LocalView } from "./LocalView";
import { SpaceTimeDiagram } from "./SpaceTimeDiagram";
import { StepControls } from "./StepControls";

/** Shared while no trace header has arrived, so the list stays the same between renders. */
const NO_COMPONENTS: string[] = [];

interface Props {
  runId: string;
  lastStep: number;
  step: number;
  component?: string;
  onStep: (step: number) => void;
  onComponent: (component: string) => void;
}

/** Replays a finished run step by step: space-time diagram, the global view, and one component's local view. */
export function RunViewer({ runId, lastStep, step: rawStep, component, onStep, onComponent }: Props) {
  const step = clampStep(rawStep, lastStep);
  const window = windowAround(step, lastStep);
  const windowQuery = useTraceWindow(runId, window.from, window.to, lastStep > 0);
  const stepQuery = useTraceStep(runId, step);
  const components = stepQuery.data?.header.components ?? windowQuery.data?.header.components ?? NO_COMPONENTS;
  const selected = component ?? components[0];
  const localQuery = useTraceLocal(runId, selected, step);
  const deltas = useMemo(() => windowQuery.data?.window ?? [], [windowQuery.data]);
  const messages = useMemo(() => messageIndex(deltas), [deltas]);
  const go = useCallback((s: number) => onStep(clampStep(s, lastStep)), [onStep, lastStep]);
  const delta = stepQuery.data?.delta;
  const caption = step === 0 ? "initial state" : delta ? describeDelta(delta, messages) : "";
  if (stepQuery.isError) return <ErrorMessage error={stepQuery.error} title="The trace could not be read" />;
  return (
    <div className="stack" data-testid="run-viewer">
      <div className="panel">
        <div className="panel-header">
          <h2>Space-time diagram</h2>
          <span className="muted small">
            steps {window.from}–{window.to} of {lastStep} · arrows are messages, ✕ crashes, red stretches a component down
          </span>
        </div>
        <div className="panel-body">
          <StepControls
            step={step}
            lastStep={lastStep}
            caption={caption}
            time={stepQuery.data?.global?.time}
            onStep={go}
            onPrevEvent={() => go(seekStep(deltas, step, -1, (d) => NOTABLE_KINDS.has(d.k)))}
            onNextEvent={() => go(seekStep(deltas, step, 1, (d) => NOTABLE_KINDS.has(d.k)))}
          />
        </div>
        {windowQuery.isError ? (
          <div className="panel-body">
            <ErrorMessage error={windowQuery.error} />
          </div>
        ) : deltas.length ? (
          <SpaceTimeDiagram deltas={deltas} components={components} step={step} selected={selected} onStep={go} />
        ) : (
          <Loading label="Loading the trace" />
        )}
      </div>
      <div className="viewer-grid">
        {stepQuery.data?.global ? (
          <GlobalView global={stepQuery.data.global} selected={selected} onSelect={onComponent} />
        ) : (
          <Loading label="Loading the global state" />
        )}
        {localQuery.data?.local ? <LocalView local={localQuery.data.local} /> : localQuery.isError ? <ErrorMessage error={localQuery.error} /> : <Loading label="Loading the local view" />}
      </div>
    </div>
  );
}
