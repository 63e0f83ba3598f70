/**
 * The one place that talks HTTP: same-origin JSON requests with the Django
 * session cookie, the CSRF header on writes, and errors as `ApiError`.
 */

export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

/** Reads one cookie's value from a `document.cookie`-style string. */
export function readCookie(name: string, cookieString: string): string | null {
  for (const part of cookieString.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      return decodeURIComponent(part.slice(eq + 1).trim());
    }
  }
  return null;
}

/** One problem the server reported, with the field path it concerns ("" for the whole request). */
export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly body: unknown;

  constructor(status: number, body: unknown, message?: string) {
    super(message ?? ApiError.describe(status, body));
    this.name = "ApiError";
    this.status = status;
    this.body = body;
  }

  get isAuthError(): boolean {
    return this.status === 401 || this.status === 403;
  }

  /** Flattens DRF-style and model-loader-style error bodies into a list of path + message. */
  get fieldErrors(): FieldError[] {
    return flattenErrors(this.body);
  }

  static describe(status: number, body: unknown): string {
    const errors = flattenErrors(body);
    if (errors.length > 0) {
      return errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join("; ");
    }
    return `request failed with status ${status}`;
  }
}

/**
 * Accepts the shapes our API returns for errors:
 *   {"detail": "..."}                                  (DRF)
 *   {"field": ["msg", ...], "nested": {"x": ["msg"]}}  (DRF validation)
 *   {"errors": [{"path": "a/0/b", "message": "..."}]}  (model import)
 *   [{"path": ..., "message": ...}]
 */
export function flattenErrors(body: unknown, prefix = ""): FieldError[] {
  if (body == null) return [];
  if (typeof body === "string") return [{ path: prefix, message: body }];
  if (Array.isArray(body)) {
    if (body.every((item) => typeof item === "string")) {
      return body.map((message) => ({ path: prefix, message: message as string }));
    }
    return body.flatMap((item, i) => {
      if (item && typeof item === "object" && "message" in item) {
        const rec = item as { path?: unknown; message: unknown };
        const path = typeof rec.path === "string" ? rec.path : prefix;
        return [{ path, message: String(rec.message) }];
      }
      return flattenErrors(item, joinPath(prefix, String(i)));
    });
  }
  if (typeof body === "object") {
    const rec = body as Record<string, unknown>;
    if (Array.isArray(rec.errors)) return flattenErrors(rec.errors, prefix);
    return Object.entries(rec).flatMap(([key, value]) => {
      const path = key === "detail" || key === "non_field_errors" ? prefix : joinPath(prefix, key);
      return flattenErrors(value, path);
    });
  }
  return [{ path: prefix, message: String(body) }];
}

function joinPath(prefix: string, key: string): string {
  return prefix ? `${prefix}/${key}` : key;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  /** Send the body as text with this content type instead of JSON (e.g. YAML import). */
  contentType?: string;
  /** Ask for this media type instead of JSON (e.g. the draft as YAML). */
  accept?: string;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export interface HttpDeps {
  fetch: typeof fetch;
  cookies: () => string;
}

const browserDeps: HttpDeps = {
  fetch: (...args) => globalThis.fetch(...args),
  cookies: () => (typeof document === "undefined" ? "" : document.cookie),
};

/** Builds the request function; tests pass a fake fetch and cookie jar. */
export function createHttp(deps: HttpDeps = browserDeps) {
  return async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const upper = method.toUpperCase();
    const headers: Record<string, string> = { Accept: options.accept ?? "application/json" };
    let body: BodyInit | undefined;
    if (options.body !== undefined) {
      if (options.contentType) {
        headers["Content-Type"] = options.contentType;
        body = options.body as BodyInit;
      } else {
        headers["Content-Type"] = "application/json";
        body = JSON.stringify(options.body);
      }
    }
    if (!SAFE_METHODS.has(upper)) {
      const token = readCookie("csrftoken", deps.cookies());
      if (token) headers["X-CSRFToken"] = token;
    }
    const response = await deps.fetch(buildUrl(path, options.query), {
      method: upper,
      headers,
      body,
      credentials: "same-origin",
      signal: options.signal,
    });
    const payload = await readBody(response);
    if (!response.ok) throw new ApiError(response.status, payload);
    return payload as T;
  };
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get("Content-Type") ?? "";
  const text = await response.text();
  if (!text) return undefined;
  if (type.includes("json")) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

export type Http = ReturnType<typeof createHttp>;
