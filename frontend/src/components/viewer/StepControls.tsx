import { useEffect } from "react";

interface Props {
  step: number;
  lastStep: number;
  caption: string;
  time?: number;
  onStep: (step: number) => void;
  onPrevEvent: () => void;
  onNextEvent: () => void;
}

/** The step slider with buttons; ← and → step too. */
export function StepControls({ step, lastStep, caption, time, onStep, onPrevEvent, onNextEvent }: Props) {
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      // Inputs (the slider included) handle their own arrow keys.
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
      if (e.key === "ArrowRight") onStep(Math.min(lastStep, step + 1));
      if (e.key === "ArrowLeft") onStep(Math.max(0, step - 1));
    };
    window.addEventListener("keydown", key);
    return () => window.removeEventListener("keydown", key);
  }, [step, lastStep, onStep]);
  return (
    <div className="stack" style={{ gap: 6 }}>
      <div className="step-controls">
        <button className="small" onClick={() => onStep(0)} disabled={step === 0} title="Initial state">|◀</button>
        <button className="small" onClick={onPrevEvent} title="Previous fault, drop or duplicate">◀◀</button>
        <button className="small" onClick={() => onStep(Math.max(0, step - 1))} disabled={step === 0} aria-label="Previous step">◀</button>
        <input
          type="range"
          min={0}
          max={lastStep}
          value={step}
          onChange={(e) => onStep(Number(e.target.value))}
          aria-label="Step"
        />
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
