import { ApiError } from "../../api/http";

/** An API error as the user should read it: the message, and each field problem with its path. */
export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : [];
  const withPaths = fieldErrors.filter((e) => e.path);
  const general = fieldErrors.filter((e) => !e.path);
  const heading =
    title ??
    (error instanceof ApiError
      ? error.status === 400
        ? "The server rejected this"
        : error.isAuthError
          ? "Not allowed"
          : `Request failed (${error.status})`
      : "Something went wrong");
  return (
    <div className="error-box" role="alert">
      <strong>{heading}</strong>
      {general.map((e, i) => (
        <div key={i}>{e.message}</div>
      ))}
      {!(error instanceof ApiError) && <div>{String((error as Error)?.message ?? error)}</div>}
      {withPaths.length > 0 && (
        <ul className="error-list">
          {withPaths.map((e, i) => (
            <li key={i}>
              <code>{e.path}</code> {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
