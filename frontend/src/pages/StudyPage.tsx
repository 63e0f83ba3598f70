import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { useCanWrite, useModel, useStudy, useStudyRuns, useVersion } from "../api/queries";
import type { StudyFailure } from "../api/types-extra";
import { ErrorMessage } from "../components/common/ErrorMessage";
import { Loading } from "../components/common/Loading";
import { JobBreadcrumb } from "../components/jobs/JobBreadcrumb";
import { CompareWithPicker } from "../components/compare/CompareWithPicker";
import { RunsProgress } from "../components/jobs/JobProgress";
import { RunStatusBadge } from "../components/runs/RunStatusBadge";
import { BlastRadiusTree } from "../components/studies/BlastRadiusTree";
import { OutcomeLegend, StudyMatrix } from "../components/studies/StudyMatrix";
import { blastHolons, OUTCOME_LABEL, runFor } from "../lib/study";
import { CommentAction } from "../components/reviews/CommentAction";

/** One level study: progress and cancel while it runs, then the levels x holons matrix, survival, blast radius. */
export function StudyPage() {
  const { modelId, studyId } = useParams();
  const model = useModel(Number(modelId));
  const study = useStudy(studyId);
  const runs = useStudyRuns(studyId, study.data?.status);
  const version = useVersion(study.data?.version);
  const canWrite = useCanWrite(model.data?.workspace);
  const [selected, setSelected] = useState<StudyFailure | undefined>();
  if (study.isPending) return <Loading label="Loading the level study" />;
  if (study.isError) return <ErrorMessage error={study.error} />;
  const s = study.data;
  const summary = s.summary;
  const holarchies = version.data?.document.holarchies ?? [];
  const lowest = summary?.lowest_unsurvived_level;
  return (
    <div className="stack">
      <JobBreadcrumb model={Number(modelId)} name={model.data?.name} tab="studies" label="Level studies" />
      <div>
        <h1>
          Level study of <span className="mono">{s.holarchy}</span> <RunStatusBadge status={s.status} />
        </h1>
        <div className="muted small" style={{ marginTop: 4 }}>
          version <strong>v{version.data?.number ?? "…"}</strong> · levels <strong>{(s.levels ?? []).join(", ") || "all"}</strong> ·{" "}
          <strong>{s.seeds}</strong> seed{s.seeds === 1 ? "" : "s"} per failure · {s.runs_total} runs · started {new Date(s.created_at).toLocaleString()}
        </div>
      </div>
      {summary && <CompareWithPicker kind="studies" model={Number(modelId)} job={s} />}
      <RunsProgress kind="studies" job={s} doing="Simulating every failure in parallel…" canCancel={canWrite} />
      {summary && (
        <>
          <div className={`panel panel-body study-verdict ${lowest ? "bad" : "ok"}`} data-testid="lowest-level">
            {lowest ? (
              <>
                The system does not survive the failure of one <strong>{lowest}</strong>: the lowest level whose failure it does not survive.
              </>
            ) : summary.survives ? (
              <>The system survives the failure of any one holon at every studied level.</>
            ) : (
              <>No failure was seen to break the system, but some runs did not finish.</>
            )}
            <span className="muted small"> Baseline without faults: {OUTCOME_LABEL[summary.baseline.outcome]}.</span>
          </div>
          <div className="panel">
            <div className="panel-header">
              <h2>Failures by level</h2>
              <div className="spacer" />
              <OutcomeLegend />
            </div>
            <div className="panel-body">
              <StudyMatrix summary={summary} runs={runs.data ?? []} model={Number(modelId)} selected={selected} onSelect={setSelected} />
              <ul className="small" style={{ marginTop: 12 }}>
                {summary.levels.map((lv) =>
                  lv.worst ? (
                    <li key={lv.level}>
                      worst {lv.level}: <strong>{lv.worst.holon}</strong> ({OUTCOME_LABEL[lv.worst.outcome]}): {lv.worst.why}
                    </li>
                  ) : null,
                )}
              </ul>
            </div>
          </div>
          <div className="panel">
            <div className="panel-header">
              <h2>Blast radius</h2>
              <span className="muted small">
                {selected ? `holons whose SLOs break when ${selected.level} ${selected.holon} fails` : "select a failure in the matrix"}
              </span>
            </div>
            {selected && (
              <div className="panel-body stack" style={{ gap: 10 }} data-testid="selected-failure">
                <div>
                  <strong>{selected.holon}</strong> ({selected.level}): {OUTCOME_LABEL[selected.outcome]}, {selected.seeds_survived}/{selected.seeds} seeds survived
                  {selected.violated.length > 0 && <> · violates {selected.violated.join(", ")}</>}
                  {selected.system_slos_missed.length > 0 && <> · misses system SLO {selected.system_slos_missed.join(", ")}</>}
                  {selected.broken_slos.length > 0 && <> · breaks {selected.broken_slos.join(", ")}</>}
                </div>
                <CommentAction
                  model={Number(modelId)}
                  anchor={{ anchor_kind: "study_cell", study: s.id, level: selected.level, holon: selected.holon, fault: Object.keys(s.faults?.[selected.level] ?? { crash: null })[0] }}
                  what={`${selected.level} ${selected.holon}`}
                />
                <div className="row small" style={{ gap: 10 }}>
                  {selected.points.map((p) => {
                    const run = runFor(runs.data ?? [], selected.scenario, p.seed);
                    return run ? (
                      <Link key={p.seed} to={`/models/${modelId}/runs/${run}`}>
                        open run, seed {p.seed}
                      </Link>
                    ) : null;
                  })}
                </div>
              </div>
            )}
            <div className="panel-body row" style={{ alignItems: "flex-start", gap: 32 }}>
              {holarchies.map((h) => (
                <BlastRadiusTree key={h.name} holarchy={h} broken={blastHolons(selected, h.name)} failed={h.name === s.holarchy ? selected?.holon : undefined} />
              ))}
            </div>
          </div>
        </>
      )}
    </div>
  );
}
