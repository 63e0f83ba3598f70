import { useVersionDiff } from "../../api/queries";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";
import { DiffComments } from "../reviews/DiffComments";

/** Added, removed and changed items per section (components, links, holons...), field by field. */
/** With ``model``, each entry may be discussed in a review of the newer version. */
export function VersionDiffView({ versionId, againstId, model }: { versionId?: number; againstId?: number; model?: number }) {
  const diff = useVersionDiff(versionId, againstId);
  if (versionId === againstId) return <div className="panel empty">Pick two different versions.</div>;
  if (diff.isPending) return <Loading label="Comparing" />;
  if (diff.isError) return <ErrorMessage error={diff.error} />;
  const sections = Object.entries(diff.data.changes).filter(([, d]) => d.added.length || d.removed.length || d.changed.length);
  return (
    <div className="panel" data-testid="version-diff">
      <div className="panel-header">
        <h2>
          v{diff.data.from} → v{diff.data.to}
        </h2>
        <span className="muted small">{sections.length === 0 ? "identical" : `${sections.length} sections changed`}</span>
      </div>
      <div className="panel-body stack" style={{ gap: 12 }}>
        {sections.map(([name, d]) => (
          <div key={name}>
            <h3 style={{ marginBottom: 6 }}>{name}</h3>
            <ul className="small" style={{ margin: 0, paddingLeft: 18 }}>
              {d.added.map((id) => (
                <li key={`+${id}`} style={{ color: "#067a3a" }}>
                  + {id}
                </li>
              ))}
              {d.removed.map((id) => (
                <li key={`-${id}`} style={{ color: "#b42318" }}>
                  − {id}
                </li>
              ))}
              {d.changed.map((c) => (
                <li key={`~${c.id}`}>
                  ~ <strong>{c.id}</strong>:{" "}
                  {Object.entries(c.changes).map(([field, ch]) => (
                    <span key={field} className="mono" style={{ marginRight: 10 }}>
                      {field}: <s>{JSON.stringify(ch.from)}</s> → {JSON.stringify(ch.to)}
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          </div>
        ))}
        {model && againstId && (
          <DiffComments
            model={model}
            against={againstId}
            entries={sections.flatMap(([name, d]) => [...d.added, ...d.removed, ...d.changed.map((c) => c.id)].map((id) => [name, id] as [string, string]))}
          />
        )}
      </div>
    </div>
  );
}
