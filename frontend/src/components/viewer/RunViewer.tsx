import { useCallback, useMemo } from "react";
import { useTraceLocal, useTraceStep, useTraceWindow } from "../../api/queries";
import {
  clampStep,
  describeDelta,
  isProducing,
  messageIndex,
  NOTABLE_KINDS,
  seekStep,
  traceReady,
} from "../../lib/trace";
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
  const stepData = traceReady(stepQuery.data);
  const windowData = traceReady(windowQuery.data);
  const components = stepData?.header.components ?? windowData?.header.components ?? NO_COMPONENTS;
  const selected = component ?? components[0];
  const localQuery = useTraceLocal(runId, selected, step);
  const local = traceReady(localQuery.data)?.local;
  const deltas = useMemo(() => windowData?.window ?? [], [windowData]);
  const messages = useMemo(() => messageIndex(deltas), [deltas]);
  const go = useCallback((s: number) => onStep(clampStep(s, lastStep)), [onStep, lastStep]);
  const delta = stepData?.delta;
  const caption = step === 0 ? "initial state" : delta ? describeDelta(delta, messages) : "";
  if (stepQuery.isError) return <ErrorMessage error={stepQuery.error} title="The trace could not be read" />;
  if (isProducing(stepQuery.data) || isProducing(windowQuery.data)) {
    return (
      <div className="panel" data-testid="trace-producing">
        <div className="panel-body">
          <Loading label="Producing the trace: this sweep run kept only its summary, so it is being simulated again with its seed (the same steps)" />
        </div>
      </div>
    );
  }
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
            time={stepData?.global?.time}
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
        {stepData?.global ? (
          <GlobalView global={stepData.global} selected={selected} onSelect={onComponent} />
        ) : (
          <Loading label="Loading the global state" />
        )}
        {local ? <LocalView local={local} /> : localQuery.isError ? <ErrorMessage error={localQuery.error} /> : <Loading label="Loading the local view" />}
      </div>
    </div>
  );
}
