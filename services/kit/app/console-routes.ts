import type { ServerResponse } from "node:http";
import { extname, resolve, sep } from "node:path";
import type { DualHandler } from "../server/one-port-listener.js";
import { type ConsoleFile, createConsoleFiles } from "./console-files.js";
import { docsPaths } from "./docs-routes.js";
import { probePaths } from "./probe-routes.js";
import { projectPath } from "./project-root.js";

/** The console's build in this repository (`console/dist`), the default of `CONSOLE_DIR`. */
export const defaultConsoleDir = projectPath("console", "dist");

/** The command that builds the console, shown while it is not built. */
export const consoleBuildCommand = "npm run build -w @waybill/console";

/**
 * The first segment of an RPC path, `/<package>.<Service>/<Method>` (health and reflection too):
 * such paths are never the console's, whatever their method.
 */
const rpcSegment = /^[a-z][a-z0-9_.]*\.[A-Z][A-Za-z0-9]*$/;

/** Vite's content-hashed file names (`index-CZGrPtmm.js`, and their source maps). */
const hashedName = /-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(\.map)?$/;

/**
 * Only the console's own scripts, styles and calls: the build emits files, never inline scripts,
 * and React and Chart.js set styles through the CSSOM, which `style-src` does not govern. Vite
 * inlines small images and fonts as `data:` URLs.
 */
const pageSecurity = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  "referrer-policy": "no-referrer",
};

const notBuiltPage = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Waybill console not built</title></head>
  <body>
    <h1>The Waybill console is not built</h1>
    <p>Build it with <code>${consoleBuildCommand}</code>, then reload this page (no restart needed).
    The API answers meanwhile; its reference is at <a href="${docsPaths.page}">${docsPaths.page}</a>.</p>
  </body>
</html>
`;

/** Options of {@link withConsole}. */
export interface ConsoleOptions {
  /** `CONSOLE_ENABLED`: false leaves every path to the handler. */
  readonly enabled: boolean;
  /** `CONSOLE_DIR`: the console's build, with `index.html` (default {@link defaultConsoleDir}). */
  readonly dir?: string;
}

/**
 * Serves the console's static files in front of `handler` for `GET`/`HEAD` of any path that is
 * not an RPC path (see {@link rpcSegment}), `/docs…` or a probe: the file itself when there is
 * one, `index.html` for a path without an extension (a client-side route such as `/items/MUG-1`),
 * 404 for a missing file with one. Hashed files under `/assets/` are cached for a year, every
 * other file revalidated (ETag, 304); text is gzipped when accepted. A path that decodes to `..`,
 * a dotfile or a separator is refused (404), so nothing outside the directory is ever read.
 * While `index.html` does not exist, pages answer 503 naming the build command. Public and
 * outside the rate limit, like `/docs`. Other methods and paths go to `handler` unchanged.
 */
export function withConsole(handler: DualHandler, options: ConsoleOptions): DualHandler {
  if (!options.enabled) return handler;
  const root = resolve(options.dir ?? defaultConsoleDir);
  const files = createConsoleFiles();
  return (req, res) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    if ((req.method !== "GET" && req.method !== "HEAD") || !isConsolePath(path)) return handler(req, res);
    const out = res as ServerResponse;
    const head = req.method === "HEAD";
    req.resume();
    const target = filePath(root, path);
    if (target === undefined) return text(out, 404, "not found", head);
    files.read(target.path).then(
      async (file) => {
        if (file) return answer(out, file, cacheControlOf(target.name), req.headers, head);
        // A missing asset is just missing; any other path is a client-side route, even with a
        // dot in it (an item's page, /items/TEA.250G, names its SKU).
        const isFile = target.name !== "index.html" && extname(target.name) !== "" && !acceptsHtml(req.headers.accept);
        if (path.startsWith("/assets/") || isFile) {
          return text(out, 404, "not found", head);
        }
        const index = await files.read(resolve(root, "index.html"));
        if (!index) return send(out, 503, htmlHeaders("no-store"), head ? undefined : notBuiltPage);
        return answer(out, index, "no-cache", req.headers, head);
      },
      () => text(out, 500, "console unavailable", head),
    );
  };
}

/** Whether a path may be the console's: not an RPC, not the API reference, not a probe. */
function isConsolePath(path: string): boolean {
  const first = path.split("/")[1] ?? "";
  if (rpcSegment.test(first)) return false;
  if (path === docsPaths.page || path.startsWith(`${docsPaths.page}/`)) return false;
  return ![probePaths.live, probePaths.ready].some((probe) => path === probe || path.startsWith(`${probe}/`));
}

/** Whether a request asks for a page (a browser navigating), not a script, style or image. */
function acceptsHtml(accept: string | undefined): boolean {
  return accept?.includes("text/html") === true;
}

/**
 * The file a URL path names under `root`, or undefined when it is not a plain relative path: each
 * segment is decoded, and `..`, dotfiles, separators and NUL are refused before the resolved path
 * is checked to lie inside `root` all the same. `/` names `index.html`.
 */
function filePath(root: string, path: string): { readonly path: string; readonly name: string } | undefined {
  const segments = path.split("/").filter((segment) => segment !== "");
  const decoded: string[] = [];
  for (const segment of segments) {
    let name: string;
    try {
      name = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    if (name.startsWith(".") || /[/\\\0]/.test(name)) return undefined;
    decoded.push(name);
  }
  const relative = decoded.length === 0 ? "index.html" : decoded.join("/");
  const full = resolve(root, relative);
  if (!full.startsWith(`${root}${sep}`)) return undefined;
  return { path: full, name: relative };
}

function cacheControlOf(name: string): string {
  // A hashed name changes with its content: the browser may keep it for good.
  if (name.startsWith("assets/") && hashedName.test(name)) return "public, max-age=31536000, immutable";
  return "no-cache";
}

function htmlHeaders(cacheControl: string): Record<string, string> {
  return { "content-type": "text/html; charset=utf-8", "cache-control": cacheControl, ...pageSecurity };
}

function answer(
  res: ServerResponse,
  file: ConsoleFile,
  cacheControl: string,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  head: boolean,
): void {
  const common: Record<string, string> = {
    etag: file.etag,
    "cache-control": cacheControl,
    vary: "accept-encoding",
    ...(file.type.startsWith("text/html") ? pageSecurity : {}),
  };
  const ifNoneMatch = String(headers["if-none-match"] ?? "");
  if (ifNoneMatch.split(",").some((tag) => tag.trim() === file.etag)) {
    send(res, 304, common, undefined);
    return;
  }
  const gzip = file.gzip !== undefined && /\bgzip\b/.test(String(headers["accept-encoding"] ?? ""));
  const body = gzip && file.gzip ? file.gzip : file.body;
  const type = { "content-type": file.type, ...(gzip ? { "content-encoding": "gzip" } : {}) };
  send(res, 200, { ...common, ...type, "content-length": String(body.length) }, head ? undefined : body);
}

function text(res: ServerResponse, status: number, message: string, head: boolean): void {
  send(res, status, { "content-type": "text/plain; charset=utf-8" }, head ? undefined : `${message}\n`);
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer | string | undefined) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "x-content-type-options": "nosniff", ...headers });
  res.end(body);
}
