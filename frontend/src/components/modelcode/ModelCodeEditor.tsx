/**
 * The whole draft as YAML in CodeMirror 6: highlighting, completion from the
 * model format's JSON Schema, every problem marked on its line and column
 * (YAML syntax while typing; the engine's problems when applying), and
 * "apply", which replaces the draft in one undoable step. Loaded on demand:
 * CodeMirror is only downloaded when this tab opens.
 */

import { autocompletion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { yaml } from "@codemirror/lang-yaml";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { EditorView, basicSetup } from "codemirror";
import { useEffect, useRef, useState, type ChangeEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import schema from "../../../../simulations/engine/schema/model.schema.json";
import { api } from "../../api/client";
import { useReplaceDraft } from "../../api/draftEdits";
import { ApiError } from "../../api/http";
import { keys } from "../../api/queries";
import { placeAt, suggestions } from "../../lib/schemaCompletion";
import { placeIssues, syntaxIssues, type PlacedIssue } from "../../lib/yamlPositions";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";

const SCHEMA = schema as Record<string, unknown>;

function completeFromSchema(context: CompletionContext): CompletionResult | null {
  const place = placeAt(context.state.doc.toString(), context.pos);
  if (!context.explicit && place.word === "" && place.valueOf === undefined) return null;
  const options = suggestions(SCHEMA, place).map((s) => ({
    label: s.label,
    detail: s.detail,
    type: s.type === "property" ? "property" : "enum",
    apply: s.type === "property" ? `${s.label}: ` : s.label,
  }));
  if (options.length === 0) return null;
  return { from: context.pos - place.word.length, options, validFor: /^[\w.-]*$/ };
}

/** The API's `{path, message}` problems of a refused document (paths relative to the document). */
function apiIssues(error: unknown): { path: string; message: string }[] {
  if (!(error instanceof ApiError)) return [];
  return error.fieldErrors.map((e) => ({ path: (e.path ?? "").replace(/^document\/?/, ""), message: e.message }));
}

function toDiagnostics(issues: PlacedIssue[]): Diagnostic[] {
  return issues.map((i) => ({ from: i.from, to: i.to, severity: "error", message: i.path ? `${i.path}: ${i.message}` : i.message }));
}

export default function ModelCodeEditor({ model, canWrite }: { model: number; canWrite: boolean }) {
  const source = useQuery({ queryKey: [...keys.document(model), "yaml"], queryFn: () => api.models.exportYaml(model), staleTime: Infinity });
  const replace = useReplaceDraft(model);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The pending syntax check of the last keystroke: an apply cancels it, so it cannot clear the API's problems.
  const syntaxCheck = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [issues, setIssues] = useState<PlacedIssue[]>([]);
  const [edited, setEdited] = useState(false);
  const [applied, setApplied] = useState(false);

  const show = (placed: PlacedIssue[]) => {
    setIssues(placed);
    if (view.current) view.current.dispatch(setDiagnostics(view.current.state, toDiagnostics(placed)));
  };

  useEffect(() => {
    if (!host.current || source.data === undefined || view.current) return;
    view.current = new EditorView({
      parent: host.current,
      doc: source.data,
      extensions: [
        basicSetup,
        yaml(),
        lintGutter(),
        autocompletion({ override: [completeFromSchema] }),
        EditorView.editable.of(canWrite),
        EditorView.contentAttributes.of({ "aria-label": "Model YAML" }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          setEdited(true);
          setApplied(false);
          clearTimeout(syntaxCheck.current);
          // Syntax problems are found while typing; the engine's problems on apply.
          syntaxCheck.current = setTimeout(() => show(syntaxIssues(update.state.doc.toString())), 300);
        }),
      ],
    });
    return () => {
      clearTimeout(syntaxCheck.current);
      view.current?.destroy();
      view.current = null;
    };
    // The editor is created once per loaded text; later drafts come in through "Reload".
  }, [source.data === undefined]);

  const setText = (text: string) => {
    const v = view.current;
    if (v) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
  };

  const reload = async () => {
    const fresh = await source.refetch();
    if (fresh.data !== undefined) setText(fresh.data);
    setEdited(false);
    show([]);
  };

  const apply = () => {
    clearTimeout(syntaxCheck.current);
    const text = view.current?.state.doc.toString() ?? "";
    const syntax = syntaxIssues(text);
    if (syntax.length) return show(syntax);
    replace.mutate(text, {
      onSuccess: () => (show([]), setEdited(false), setApplied(true), void source.refetch()),
      onError: (error) => {
        const found = apiIssues(error);
        if (found.length) show(placeIssues(text, found));
      },
    });
  };

  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) setText(await file.text());
    e.target.value = "";
  };

  const jump = (issue: PlacedIssue) => {
    const v = view.current;
    if (!v) return;
    v.dispatch({ selection: { anchor: issue.from }, scrollIntoView: true });
    v.focus();
  };

  if (source.isPending) return <Loading label="Loading the YAML" />;
  if (source.isError) return <ErrorMessage error={source.error} />;
  return (
    <div className="panel">
      <div className="panel-header">
        <h2>Model as code</h2>
        <span className="muted small">the whole draft as YAML (docs/model-format.md); Ctrl+Space completes from the schema</span>
        <div className="spacer" />
        {edited && <span className="badge unsaved">edited, not applied</span>}
        {applied && <span className="badge ok">applied to the draft</span>}
        <a className="button small" href={api.models.exportUrl(model)} download>
          Export
        </a>
        {canWrite && (
          <>
            <label className="button small">
              Import file…
              <input type="file" accept=".yaml,.yml,.json" onChange={(e) => void importFile(e)} hidden />
            </label>
            <button type="button" className="small" onClick={() => void reload()}>
              Reload from draft
            </button>
            <button type="button" className="primary small" onClick={apply} disabled={replace.isPending}>
              {replace.isPending ? "Applying…" : "Apply to draft"}
            </button>
          </>
        )}
      </div>
      <div className="panel-body stack" style={{ gap: 10 }}>
        <div ref={host} className="code-editor" data-testid="yaml-editor" />
        {issues.length > 0 && (
          <div className="error-box" role="alert" data-testid="yaml-issues">
            <strong>{issues.length === 1 ? "1 problem" : `${issues.length} problems`}</strong>
            <ul className="issue-list">
              {issues.map((issue, i) => (
                <li key={i} data-line={issue.line}>
                  <button type="button" className="link" onClick={() => jump(issue)}>
                    line {issue.line}, column {issue.column}
                  </button>{" "}
                  {issue.path && <code>{issue.path}</code>} {issue.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {replace.isError && apiIssues(replace.error).length === 0 && <ErrorMessage error={replace.error} />}
      </div>
    </div>
  );
}
