import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import type { DualHandler } from "../server/one-port-listener.js";

/** The paths answered by {@link withDocs}. */
export const docsPaths = { page: "/docs", document: "/docs/openapi.json", assets: "/docs/assets/" } as const;

/** One file served from memory, with what a conditional or compressed answer needs. */
interface StaticFile {
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly etag: string;
  readonly type: string;
  readonly cacheControl: string;
}

const require = createRequire(import.meta.url);
const swaggerUiDir = () => dirname(require.resolve("swagger-ui-dist/package.json"));

/** The page: swagger-ui from our own assets (no CDN), reading the document from the same origin. */
const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Waybill API reference</title>
    <link rel="icon" type="image/png" href="${docsPaths.assets}favicon-32x32.png" sizes="32x32">
    <link rel="stylesheet" href="${docsPaths.assets}swagger-ui.css">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${docsPaths.assets}swagger-ui-bundle.js"></script>
    <script src="${docsPaths.assets}waybill-docs.js"></script>
  </body>
</html>
`;

/**
 * Starts swagger-ui (a file, not an inline script, so the page's CSP allows only our scripts).
 * "Try it out" calls the same origin; the Connect version header is added to every call, and the
 * online validator badge is off (it would send the document away).
 */
const starter = `window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(docsPaths.document)},
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  displayOperationId: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  requestInterceptor: (request) => {
    request.headers["Connect-Protocol-Version"] = "1";
    return request;
  },
});
`;

const pageSecurity = {
  "content-security-policy":
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  "referrer-policy": "no-referrer",
};

/** The files of each path: nothing outside this table is ever read, so no path can escape it. */
const files: Readonly<Record<string, () => Promise<Omit<StaticFile, "etag" | "gzip">>>> = {
  [docsPaths.page]: async () => ({
    body: Buffer.from(page),
    type: "text/html; charset=utf-8",
    cacheControl: "no-cache",
  }),
  [docsPaths.document]: async () => ({
    body: await readFile(require.resolve("@waybill/contracts/openapi.json")),
    type: "application/json",
    cacheControl: "no-cache",
  }),
  [`${docsPaths.assets}waybill-docs.js`]: async () => asset(Buffer.from(starter), "text/javascript; charset=utf-8"),
  [`${docsPaths.assets}swagger-ui-bundle.js`]: async () =>
    asset(await readFile(join(swaggerUiDir(), "swagger-ui-bundle.js")), "text/javascript; charset=utf-8"),
  [`${docsPaths.assets}swagger-ui.css`]: async () =>
    asset(await readFile(join(swaggerUiDir(), "swagger-ui.css")), "text/css; charset=utf-8"),
  [`${docsPaths.assets}favicon-32x32.png`]: async () =>
    asset(await readFile(join(swaggerUiDir(), "favicon-32x32.png")), "image/png"),
};

function asset(body: Buffer, type: string) {
  // Not versioned in the URL: an hour, then revalidated by ETag.
  return { body, type, cacheControl: "public, max-age=3600" };
}

/**
 * Answers the API reference in front of `handler` when `enabled`: `GET`/`HEAD` `/docs` (a
 * swagger-ui page), `/docs/openapi.json` (gen/openapi.json, the OpenAPI document of the Connect
 * JSON API) and the page's assets under `/docs/assets/`, served from swagger-ui-dist offline.
 * Public and outside the rate limit, like the probes; 404 for any other path under /docs/, 405
 * for other methods. Files are read once, then answered from memory with an ETag (304 when it
 * matches) and gzip when the caller accepts it. Any other path goes to `handler` unchanged.
 */
export function withDocs(handler: DualHandler, options: { readonly enabled: boolean }): DualHandler {
  if (!options.enabled) return handler;
  const loaded = new Map<string, Promise<StaticFile>>();
  const load = (path: string, read: () => Promise<Omit<StaticFile, "etag" | "gzip">>) => {
    let file = loaded.get(path);
    if (!file) {
      file = read().then((content) => ({
        ...content,
        gzip: gzipSync(content.body),
        etag: `"${createHash("sha256").update(content.body).digest("base64url").slice(0, 27)}"`,
      }));
      // A failed read (a missing file) is tried again by the next request.
      file.catch(() => loaded.delete(path));
      loaded.set(path, file);
    }
    return file;
  };
  return (req, res) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    if (path !== docsPaths.page && !path.startsWith(`${docsPaths.page}/`)) return handler(req, res);
    const out = res as ServerResponse;
    const head = req.method === "HEAD";
    const text = (status: number, message: string, headers: Record<string, string> = {}) =>
      send(out, status, { ...headers, "content-type": "text/plain; charset=utf-8" }, head ? undefined : `${message}\n`);
    // The documentation has no request body: drain whatever came, and answer at once.
    req.resume();
    if (req.method !== "GET" && !head) return text(405, "method not allowed", { allow: "GET, HEAD" });
    const key = path === `${docsPaths.page}/` ? docsPaths.page : path;
    const read = files[key];
    if (!read) return text(404, "not found");
    load(key, read).then(
      (file) => answer(out, file, req.headers, head),
      () => text(500, "documentation unavailable"),
    );
  };
}

function answer(
  res: ServerResponse,
  file: StaticFile,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  head: boolean,
): void {
  const common: Record<string, string> = {
    etag: file.etag,
    "cache-control": file.cacheControl,
    vary: "accept-encoding",
    ...(file.type.startsWith("text/html") ? pageSecurity : {}),
    // Tools (Postman, code generators) may fetch the document from elsewhere; it is public.
    ...(file.type === "application/json" ? { "access-control-allow-origin": "*" } : {}),
  };
  const ifNoneMatch = String(headers["if-none-match"] ?? "");
  if (ifNoneMatch.split(",").some((tag) => tag.trim() === file.etag)) {
    send(res, 304, common, undefined);
    return;
  }
  const gzip = /\bgzip\b/.test(String(headers["accept-encoding"] ?? ""));
  const body = gzip ? file.gzip : file.body;
  const type = { "content-type": file.type, ...(gzip ? { "content-encoding": "gzip" } : {}) };
  send(res, 200, { ...common, ...type, "content-length": String(body.length) }, head ? undefined : body);
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: Buffer | string | undefined,
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "x-content-type-options": "nosniff", ...headers });
  res.end(body);
}
