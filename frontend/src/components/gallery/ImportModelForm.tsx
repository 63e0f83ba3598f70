import { useState, type ChangeEvent, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { useImportModel } from "../../api/queries";
import { ErrorMessage } from "../common/ErrorMessage";

const PLACEHOLDER = `format: holarchy/v1
name: Ping pong
components:
  - {id: a, behavior: relay, params: {next: b, tokens: 1}}
  - {id: b, behavior: relay, params: {next: a}}
links:
  - {from: a, to: b, bidirectional: true, loss: 0.1}
holarchies:
  - name: physical
    root: {id: dc, components: [a, b]}`;

/** Paste or pick a model-as-code file; the server's error list (with paths) shows under the form. */
export function ImportModelForm({ workspace, onImported }: { workspace: number; onImported: () => void }) {
  const importModel = useImportModel();
  const navigate = useNavigate();
  const [text, setText] = useState("");
  const [name, setName] = useState("");
  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) setText(await file.text());
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    importModel.mutate(
      { workspace, document: text, name: name || undefined },
      {
        onSuccess: (model) => {
          onImported();
          navigate(`/models/${model.id}`);
        },
      },
    );
  };
  return (
    <form className="panel" onSubmit={submit} data-testid="import-form">
      <div className="panel-header">
        <strong>Import a model</strong>
        <span className="muted small">YAML or JSON in the holarchy/v1 format</span>
        <div className="spacer" />
        <input type="file" accept=".yaml,.yml,.json" onChange={readFile} aria-label="Model file" />
      </div>
      <div className="panel-body stack" style={{ gap: 10 }}>
        <textarea
          name="document"
          rows={14}
          placeholder={PLACEHOLDER}
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
        />
        <div className="row">
          <label className="field grow">
            Name (optional, overrides the document's)
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <button className="primary" type="submit" disabled={!text.trim() || importModel.isPending} style={{ alignSelf: "flex-end" }}>
            {importModel.isPending ? "Importing…" : "Import"}
          </button>
        </div>
        {importModel.isError && <ErrorMessage error={importModel.error} title="The model has problems" />}
      </div>
    </form>
  );
}
