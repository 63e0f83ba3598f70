import { describe, expect, it, vi } from "vitest";
import { ApiError, buildUrl, createHttp, flattenErrors, readCookie } from "./http";

function fakeFetch(status = 200, body: unknown = { ok: true }, contentType = "application/json") {
  return vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) =>
    new Response(body === undefined ? null : typeof body === "string" ? body : JSON.stringify(body), {
      status,
      headers: { "Content-Type": contentType },
    }),
  );
}

describe("readCookie", () => {
  it("finds a cookie among others and decodes it", () => {
    expect(readCookie("csrftoken", "sessionid=abc; csrftoken=tok%2B1; other=x")).toBe("tok+1");
  });
  it("does not match a cookie whose name only ends the same", () => {
    expect(readCookie("csrftoken", "xcsrftoken=bad")).toBeNull();
  });
  it("returns null when absent", () => {
    expect(readCookie("csrftoken", "")).toBeNull();
  });
});

describe("request", () => {
  it("sends the CSRF token on writes", async () => {
    const fetch = fakeFetch();
    const http = createHttp({ fetch, cookies: () => "csrftoken=secret" });
    await http("POST", "/api/runs/", { body: { version: 1 } });
    const init = fetch.mock.calls[0][1]!;
    const headers = init.headers as Record<string, string>;
    expect(headers["X-CSRFToken"]).toBe("secret");
    expect(headers["Content-Type"]).toBe("application/json");
    expect(init.body).toBe('{"version":1}');
    expect(init.credentials).toBe("same-origin");
  });

  it("does not send the CSRF token on reads", async () => {
    const fetch = fakeFetch();
    const http = createHttp({ fetch, cookies: () => "csrftoken=secret" });
    await http("GET", "/api/runs/", { query: { model: 3, status: undefined } });
    expect(fetch.mock.calls[0][0]).toBe("/api/runs/?model=3");
    expect((fetch.mock.calls[0][1]!.headers as Record<string, string>)["X-CSRFToken"]).toBeUndefined();
  });

  it("reads the cookie at request time, after login rotated it", async () => {
    const fetch = fakeFetch();
    let jar = "csrftoken=old";
    const http = createHttp({ fetch, cookies: () => jar });
    jar = "csrftoken=new";
    await http("DELETE", "/api/holons/1/");
    expect((fetch.mock.calls[0][1]!.headers as Record<string, string>)["X-CSRFToken"]).toBe("new");
  });

  it("sends text bodies as given", async () => {
    const fetch = fakeFetch();
    const http = createHttp({ fetch, cookies: () => "" });
    await http("POST", "/x/", { body: "a: 1", contentType: "application/yaml" });
    expect(fetch.mock.calls[0][1]!.body).toBe("a: 1");
  });

  it("returns undefined for 204", async () => {
    // Some Response implementations refuse to build a 204, so fake just what the client reads.
    const noContent = { ok: true, status: 204, headers: new Headers(), text: async () => "" } as unknown as Response;
    const http = createHttp({ fetch: async () => noContent, cookies: () => "" });
    await expect(http("POST", "/api/auth/logout/")).resolves.toBeUndefined();
  });

  it("throws ApiError with the parsed body on failure", async () => {
    const body = { errors: [{ path: "links/0/from", message: "unknown component 'x'" }] };
    const http = createHttp({ fetch: fakeFetch(400, body), cookies: () => "" });
    const error = (await http("POST", "/api/models/import/").catch((e) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.fieldErrors).toEqual([{ path: "links/0/from", message: "unknown component 'x'" }]);
    expect(error.message).toContain("links/0/from");
  });

  it("marks 401 and 403 as auth errors", () => {
    expect(new ApiError(403, { detail: "no" }).isAuthError).toBe(true);
    expect(new ApiError(500, "boom").isAuthError).toBe(false);
  });
});

describe("flattenErrors", () => {
  it("flattens DRF validation bodies into paths", () => {
    expect(flattenErrors({ name: ["required"], nested: { key: ["bad"] }, detail: "whole" })).toEqual([
      { path: "name", message: "required" },
      { path: "nested/key", message: "bad" },
      { path: "", message: "whole" },
    ]);
  });
  it("numbers list items without their own path", () => {
    expect(flattenErrors({ items: [{ x: ["no"] }] })).toEqual([{ path: "items/0/x", message: "no" }]);
  });
});

describe("buildUrl", () => {
  it("drops empty values", () => {
    expect(buildUrl("/a/", { x: "", y: null, z: 0 })).toBe("/a/?z=0");
    expect(buildUrl("/a/")).toBe("/a/");
  });
});
