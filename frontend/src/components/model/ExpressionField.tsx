import { useId } from "react";
import { bracketProblem } from "../../lib/expressionSyntax";

/** An expression typed in a form, checked as it is typed; the server's full check runs on save. */
export function ExpressionField({ label, value, onChange }: { model: number; label: string; value: string; onChange: (v: string) => void; context: "property" | "guard" | "action" }) {
  const problem = value ? bracketProblem(value) : null;
  const errorId = useId();
  return (
    <label className="field">
      {label}
      <textarea
        className="mono"
        rows={2}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        spellCheck={false}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? errorId : undefined}
      />
      {problem && (
        <span id={errorId} className="inline-error" role="status">
          {problem}
        </span>
      )}
    </label>
  );
}
