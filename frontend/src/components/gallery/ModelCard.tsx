import { Link } from "react-router-dom";
import { api, type SystemModel } from "../../api/client";
import { plural } from "../../lib/format";
import { ReviewStatusBadge } from "../reviews/ReviewStatusBadge";
import type { ReviewStatus } from "../../api/reviews";
import { guideOf } from "../../lib/guide";

export function ModelCard({ model }: { model: SystemModel }) {
  const guide = guideOf(model.sections);
  return (
    <div className="panel model-card" data-testid="model-card">
      <Link to={`/models/${model.id}`} className="name">
        {model.name}
      </Link>
      <div className="desc">{model.description || "No description."}</div>
      {guide && (
        <div className="small" data-testid="card-guide">
          <div className="guide-about">{guide.about}</div>
          {guide.try[0] && (
            <div className="muted" style={{ marginTop: 4 }}>
              Try first: <strong>{guide.try[0].title}</strong>
            </div>
          )}
        </div>
      )}
      <div className="row small muted" style={{ gap: 8 }}>
        <span className="badge">{plural(model.components_count, "component")}</span>
        <span className="badge">{plural(model.links_count, "link")}</span>
        <span className="badge">{plural(model.holarchies_count, "holarchy", "holarchies")}</span>
        {model.latest_version ? <span className="badge accent">v{model.latest_version}</span> : null}
        <ReviewStatusBadge status={model.review_status as ReviewStatus | null} />
      </div>
      <div className="row small" style={{ marginTop: "auto" }}>
        <Link to={`/models/${model.id}`}>{guide ? "Open the guide" : "Open"}</Link>
        <a href={api.models.exportUrl(model.id)} download={`${slugify(model.name)}.yaml`}>
          Export YAML
        </a>
      </div>
    </div>
  );
}

function slugify(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "model";
}
