import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { api } from "../../api/client";
import { bracketProblem } from "../../lib/expressionSyntax";

/** How long typing must pause before the server is asked about the expression. */
const CHECK_AFTER_MS = 350;

/**
 * An expression typed in a form, checked as it is typed: brackets and quotes
 * at once in the browser, then the engine's own check of it where it would go
 * (a property over the global state, or a handler over its behavior's variables).
 */
export function ExpressionField({ model, label, value, onChange, context, variables }: {
  model: number;
  label: string;
  value: string;
  onChange: (v: string) => void;
  context: "property" | "handler";
  variables?: string[];
}) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), CHECK_AFTER_MS);
    return () => clearTimeout(timer);
  }, [value]);
  const local = value ? bracketProblem(value) : null;
  const check = useQuery({
    queryKey: ["expression-check", model, context, variables ?? [], settled],
    queryFn: () => api.models.checkExpression(model, { expression: settled, context, ...(variables ? { variables } : {}) }),
    enabled: !!settled.trim() && !local && settled === value,
    retry: false,
    staleTime: Infinity,
  });
  const remote = check.data && !check.data.valid && check.data.error ? check.data.error : null;
  const problem = local ?? (remote ? `${remote.message}${remote.column ? ` (column ${remote.column})` : ""}` : null);
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
