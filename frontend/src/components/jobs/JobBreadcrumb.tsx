import { Link } from "react-router-dom";

/** "Model › Level studies" above a job's page: back to the model page's tab the job belongs to. */
export function JobBreadcrumb({ model, name, tab, label }: { model: number; name: string | undefined; tab: string; label: string }) {
  return (
    <div className="small muted">
      <Link to={`/models/${model}?tab=${tab}`}>{name ?? "Model"}</Link> › {label}
    </div>
  );
}
