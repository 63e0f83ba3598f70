import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ModelDocument } from "../../api/modelDocument";
import { usePrefetchTraceStep, useTraceEvents, useTraceStep, useTraceWindow } from "../../api/queries";
import type { MessagesPicture, RunSummary } from "../../api/types-extra";
import { clampStep, describeDelta, isProducing, messageIndex, NOTABLE_KINDS, seekStep, traceCut, traceReady } from "../../lib/trace";
import { windowAround } from "../../lib/window";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";
import { GlobalView } from "./GlobalView";
import { LocalView } from "./LocalView";
import { Minimap } from "./Minimap";
import { OfficeView } from "./OfficeView";
import { SpaceTimeDiagram } from "./SpaceTimeDiagram";
import { StepControls } from "./StepControls";

/** Shared while no trace header has arrived, so the list stays the same between renders. */
const NO_COMPONENTS: string[] = [];
/** How long the step rests before the address bar follows it (dragging writes no history per pixel). */
const URL_DELAY_MS = 250;

export type ViewerMode = "viewer" | "office";

interface Props {
  runId: string;
  summary?: RunSummary;
  document?: ModelDocument;
  step: number;
  component?: string;
  mode: ViewerMode;
  onStep: (step: number) => void;
  onComponent: (component: string) => void;
  onMode: (mode: ViewerMode) => void;
}

/** While the slider is dragged the server is asked at most this often; where it is let go is asked at once. */
const SCRUB_INTERVAL_MS = 100;

/**
 * The step the server is asked for: the newest one wanted, once the answer in flight has come (one request
 * at a time, latest wins), and while scrubbing at most every SCRUB_INTERVAL_MS, so dragging the slider over
 * a million steps asks for a handful, not thousands.
 */
function useSettledStep(wanted: number, busy: boolean, scrubbing: boolean): number {
  const [requested, setRequested] = useState(wanted);
  const askedAt = useRef(0);
  useEffect(() => {
    if (busy || requested === wanted) return;
    const ask = () => {
      askedAt.current = performance.now();
      setRequested(wanted);
    };
    const wait = scrubbing ? askedAt.current + SCRUB_INTERVAL_MS - performance.now() : 0;
    if (wait <= 0) return ask();
    const timer = setTimeout(ask, wait);
    return () => clearTimeout(timer);
  }, [busy, requested, wanted, scrubbing]);
  return requested;
}

/** Replays a finished run: minimap, space-time diagram, the global view and one component's local view (or the office). */
export function RunViewer({ runId, summary, document, step: urlStep, component, mode, onStep, onComponent, onMode }: Props) {
  const events = useTraceEvents(runId);
  const eventIndex = events.data && !isProducing(events.data) ? events.data : undefined;
  const [wanted, setWanted] = useState(urlStep);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(5);
  const written = useRef(urlStep);
  const [busy, setBusy] = useState(false);
  const [scrubbing, setScrubbing] = useState(false);
  const requested = useSettledStep(wanted, busy, scrubbing);
  // The components are known from the first answer; from then on each step is one request for both views.
  const [components, setComponents] = useState(NO_COMPONENTS);
  const selected = component !== undefined && components.includes(component) ? component : components[0];
  const [chosenPicture, setPicture] = useState<MessagesPicture>("network");
  const picture = mode === "office" ? "network" : chosenPicture; // the office draws the network's tubes
  const stepQuery = useTraceStep(runId, requested, selected, picture);
  const stepData = traceReady(stepQuery.data);
  const header = stepData?.header;
  useEffect(() => {
    if (header) setComponents(header.components);
  }, [header]);
  const lastStep = stepData?.last_step ?? eventIndex?.last_step ?? 0;
  useEffect(() => setBusy(stepQuery.isFetching), [stepQuery.isFetching]);
  // The next step is asked for as soon as this one has come: stepping and playing forward find it there.
  const shownStep = stepData?.step;
  usePrefetchTraceStep(runId, !scrubbing && shownStep !== undefined && shownStep < lastStep ? shownStep + 1 : undefined, selected, picture);
  const local = stepData?.local?.id === selected ? stepData?.local : undefined;
  const shown = clampStep(wanted, lastStep);
  const window = windowAround(requested, lastStep);
  const windowQuery = useTraceWindow(runId, window.from, window.to, lastStep > 0);
  const windowData = traceReady(windowQuery.data);
  const deltas = useMemo(() => windowData?.window ?? [], [windowData]);
  const messages = useMemo(() => messageIndex(deltas), [deltas]);

  // A step chosen elsewhere on the page (a violation's "Show step") moves the viewer.
  useEffect(() => {
    if (urlStep !== written.current) {
      written.current = urlStep;
      setWanted(urlStep);
    }
  }, [urlStep]);
  // The address bar follows the step once it rests.
  useEffect(() => {
    if (shown === written.current) return;
    const timer = setTimeout(() => {
      written.current = shown;
      onStep(shown);
    }, URL_DELAY_MS);
    return () => clearTimeout(timer);
  }, [shown, onStep]);
  // Play: one step after another at the chosen speed, until the last stored step.
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => setWanted((s) => (s >= lastStep ? s : s + 1)), 1000 / speed);
    return () => clearInterval(timer);
  }, [playing, speed, lastStep]);
  useEffect(() => {
    if (playing && shown >= lastStep) setPlaying(false);
  }, [playing, shown, lastStep]);

  const go = useCallback((s: number) => setWanted(clampStep(s, lastStep)), [lastStep]);
  const properties = useMemo(() => [...(summary?.safety ?? []), ...(summary?.liveness ?? [])], [summary]);
  const delta = stepData?.delta;
  const caption = stepData?.step === 0 ? "initial state" : delta ? describeDelta(delta, messages) : "";
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
  const cut = stepData ? traceCut(lastStep, summary, stepData.header.trace_limit) : null;
  return (
    <div className="stack" data-testid="run-viewer">
      <div className="panel">
        <div className="panel-header">
          <h2>Replay</h2>
          <div className="row" role="tablist" aria-label="How to show the run" style={{ gap: 4, marginLeft: "auto" }}>
            <button role="tab" aria-selected={mode === "viewer"} className={`small${mode === "viewer" ? " primary" : ""}`} onClick={() => onMode("viewer")}>
              Global and local views
            </button>
            <button role="tab" aria-selected={mode === "office"} className={`small${mode === "office" ? " primary" : ""}`} onClick={() => onMode("office")} data-testid="office-tab">
              Office building
            </button>
          </div>
        </div>
        <div className="panel-body stack" style={{ gap: 10 }}>
          {cut && (
            <div className="badge warn" data-testid="trace-cut" style={{ alignSelf: "flex-start", whiteSpace: "normal" }}>
              {cut}
            </div>
          )}
          {eventIndex ? (
            <Minimap chunks={eventIndex.chunks} properties={properties} lastStep={lastStep} step={shown} onStep={go} />
          ) : events.isError ? (
            <ErrorMessage error={events.error} />
          ) : null}
          <StepControls
            step={shown}
            lastStep={lastStep}
            caption={caption}
            time={stepData?.global?.time}
            playing={playing}
            speed={speed}
            onPlay={setPlaying}
            onSpeed={setSpeed}
            onScrubbing={setScrubbing}
            onStep={go}
            onPrevEvent={() => go(seekStep(deltas, shown, -1, (d) => NOTABLE_KINDS.has(d.k)))}
            onNextEvent={() => go(seekStep(deltas, shown, 1, (d) => NOTABLE_KINDS.has(d.k)))}
          />
        </div>
      </div>
      {mode === "office" && document && stepData?.global ? (
        <OfficeView document={document} global={stepData.global} delta={delta} scenario={summary?.scenario} messages={messages} onSelect={onComponent} />
      ) : (
        <>
          <div className="panel">
            <div className="panel-header">
              <h2>Space-time diagram</h2>
              <span className="muted small">
                steps {window.from}–{window.to} of {lastStep} · arrows are messages crossing a lane, ✕ crashes, red stretches a component down
              </span>
            </div>
            {windowQuery.isError ? (
              <div className="panel-body">
                <ErrorMessage error={windowQuery.error} />
              </div>
            ) : deltas.length ? (
              <SpaceTimeDiagram deltas={deltas} components={components} step={shown} selected={selected} onStep={go} holarchies={document?.holarchies} />
            ) : (
              <Loading label="Loading the trace" />
            )}
          </div>
          <div className="viewer-grid">
            {stepData?.global ? <GlobalView global={stepData.global} step={stepData.step ?? 0} selected={selected} onSelect={onComponent} holarchies={document?.holarchies} messages={picture} onMessages={setPicture} /> : <Loading label="Loading the global state" />}
            {local ? <LocalView local={local} /> : <Loading label="Loading the local view" />}
          </div>
        </>
      )}
    </div>
  );
}
