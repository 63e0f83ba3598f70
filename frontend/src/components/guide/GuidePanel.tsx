import { useState } from "react";
import type { SystemModel } from "../../api/client";
import { useCanWrite } from "../../api/queries";
import { useCopyModel, useTryThis, useWritableWorkspaces } from "../../api/guideActions";
import { describeAction, guideOf } from "../../lib/guide";
import { ErrorMessage } from "../common/ErrorMessage";
import { CopyTarget } from "./CopyTarget";

const NO_WORKSPACE = "You write in no workspace to copy it into: create a team or ask for the editor role in one.";

/**
 * A model's guide: what it is, what to look at, and what to try, each try one button that starts the action
 * and opens its outcome. A model the caller cannot change (an example of the read-only gallery) is copied
 * into one of their workspaces first; "Copy into my workspace" makes the copy without trying anything.
 */
export function GuidePanel({ model }: { model: SystemModel }) {
  const guide = guideOf(model.sections);
  const canWrite = useCanWrite(model.workspace);
  const workspaces = useWritableWorkspaces();
  const [chosen, setChosen] = useState<number | undefined>();
  const target = chosen ?? workspaces.data?.[0]?.id;
  const copy = useCopyModel();
  const tryThis = useTryThis(model, guide ?? { about: "", try: [] }, canWrite ? undefined : target);
  const blocked = !canWrite && !target ? NO_WORKSPACE : undefined;
  return (
    <section className="panel" data-testid="guide" aria-labelledby="guide-heading">
      <div className="panel-header row spread">
        <h2 id="guide-heading">Guide</h2>
        {!canWrite && (
          <div className="row">
            <CopyTarget workspaces={workspaces.data ?? []} value={target} onChange={setChosen} />
            <button
              onClick={() => target && copy.mutate({ model: model.id, workspace: target })}
              disabled={!target || copy.isPending}
              title={blocked}
              data-testid="copy-model"
            >
              Copy into my workspace
            </button>
          </div>
        )}
      </div>
      <div className="panel-body stack" style={{ gap: 10 }}>
        {!guide ? (
          <p className="muted">This model has no guide. A model's `guide` says what it is, what to look at and what to try.</p>
        ) : (
          <>
            <p data-testid="guide-about">{guide.about}</p>
            {guide.look_at && guide.look_at.length > 0 && (
              <div>
                <h3>What to look at</h3>
                <ul data-testid="guide-look-at">
                  {guide.look_at.map((point) => (
                    <li key={point}>{point}</li>
                  ))}
                </ul>
              </div>
            )}
            <div>
              <h3>Try this</h3>
              <ol className="stack" style={{ gap: 8 }}>
                {guide.try.map((item, index) => (
                  <li key={item.title} data-testid="try-item">
                    <div className="row spread" style={{ alignItems: "flex-start" }}>
                      <div className="grow">
                        <strong>{item.title}</strong>
                        <div className="small muted">{describeAction(item.do)}</div>
                        <div className="small" data-testid="try-see">
                          You should see: {item.see}
                        </div>
                      </div>
                      <button
                        className={index === 0 ? "primary" : undefined}
                        onClick={() => tryThis.mutate(item)}
                        disabled={tryThis.isPending || !!blocked}
                        title={blocked}
                        aria-label={`${canWrite ? "Try it" : "Copy and try"}: ${item.title}`}
                        data-testid="try-button"
                      >
                        {canWrite ? "Try it" : "Copy and try"}
                      </button>
                    </div>
                  </li>
                ))}
              </ol>
            </div>
          </>
        )}
        {blocked && <p className="small muted">{blocked}</p>}
        {tryThis.isError && <ErrorMessage error={tryThis.error} />}
        {copy.isError && <ErrorMessage error={copy.error} />}
      </div>
    </section>
  );
}
