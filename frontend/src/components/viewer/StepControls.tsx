import { useEffect } from "react";

/** Play speeds, in steps per second. */
export const SPEEDS = [1, 5, 25, 100];

interface Props {
  step: number;
  lastStep: number;
  caption: string;
  time?: number;
  playing: boolean;
  speed: number;
  onStep: (step: number) => void;
  onPrevEvent: () => void;
  onNextEvent: () => void;
  onPlay: (playing: boolean) => void;
  onSpeed: (speed: number) => void;
  /** The slider is being dragged (true) or was let go (false). */
  onScrubbing: (scrubbing: boolean) => void;
}

/** The step slider over exactly the stored steps, with buttons and Play; ← and → step, space plays. */
export function StepControls({ step, lastStep, caption, time, playing, speed, onStep, onPrevEvent, onNextEvent, onPlay, onSpeed, onScrubbing }: Props) {
  const startScrubbing = () => {
    onScrubbing(true);
    window.addEventListener("pointerup", () => onScrubbing(false), { once: true });
  };
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      // Inputs (the slider included) and buttons handle their own keys.
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLButtonElement) return;
      if (e.key === "ArrowRight") onStep(Math.min(lastStep, step + 1));
      if (e.key === "ArrowLeft") onStep(Math.max(0, step - 1));
      if (e.key === " ") {
        e.preventDefault();
        onPlay(!playing);
      }
    };
    window.addEventListener("keydown", key);
    return () => window.removeEventListener("keydown", key);
  }, [step, lastStep, onStep, onPlay, playing]);
  return (
    <div className="stack" style={{ gap: 6 }}>
      <div className="step-controls">
        <button className="small" onClick={() => onPlay(!playing)} disabled={!playing && step >= lastStep} aria-label={playing ? "Pause" : "Play"} data-testid="play">
          {playing ? "❚❚ Pause" : "▶ Play"}
        </button>
        <select value={speed} onChange={(e) => onSpeed(Number(e.target.value))} aria-label="Play speed" className="small">
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s} steps/s
            </option>
          ))}
        </select>
        <button className="small" onClick={() => onStep(0)} disabled={step === 0} title="Initial state">|◀</button>
        <button className="small" onClick={onPrevEvent} title="Previous fault, drop or duplicate">◀◀</button>
        <button className="small" onClick={() => onStep(Math.max(0, step - 1))} disabled={step === 0} aria-label="Previous step">◀</button>
        <input type="range" min={0} max={lastStep} value={step} onChange={(e) => onStep(Number(e.target.value))} onPointerDown={startScrubbing} aria-label="Step" data-testid="step-slider" />
        <button className="small" onClick={() => onStep(Math.min(lastStep, step + 1))} disabled={step >= lastStep} aria-label="Next step">▶</button>
        <button className="small" onClick={onNextEvent} title="Next fault, drop or duplicate">▶▶</button>
        <button className="small" onClick={() => onStep(lastStep)} disabled={step >= lastStep} title="Last step">▶|</button>
      </div>
      <div className="row small">
        <strong data-testid="step-number">
          Step {step} / {lastStep}
        </strong>
        {time !== undefined && <span className="muted">t = {+time.toFixed(3)}</span>}
        <span>{caption}</span>
      </div>
    </div>
  );
}
