import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { consoleDist } from "./console-build.js";

/** Where a test opens the console, and what to close afterwards. */
export interface ConsoleOrigin {
  /** The first URL to open, e.g. `http://127.0.0.1:8080/sign-in`. */
  readonly signInUrl: string;
  /** True when Waybill itself serves the console (same origin as the RPCs). */
  readonly servedByWaybill: boolean;
  close(): Promise<void>;
}

const types: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
  ".svg": "image/svg+xml",
};

/**
 * The console as Waybill serves it at `/` when it does; otherwise console/dist from a small static
 * server on another port, with `?waybill=<url>` telling the app where the RPCs are (Waybill allows
 * any origin outside production).
 */
export async function consoleOrigin(waybillUrl: string): Promise<ConsoleOrigin> {
  const home = await fetch(`${waybillUrl}/sign-in`).catch(() => undefined);
  const html = home?.ok ? await home.text() : "";
  if (html.includes('<div id="root">')) {
    return { signInUrl: `${waybillUrl}/sign-in`, servedByWaybill: true, close: async () => undefined };
  }
  const server = createServer((req, res) => {
    void serve(req.url ?? "/").then(
      ({ status, type, body }) => res.writeHead(status, { "content-type": type }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    signInUrl: `http://127.0.0.1:${port}/sign-in?waybill=${encodeURIComponent(waybillUrl)}`,
    servedByWaybill: false,
    close: () => closeServer(server),
  };
}

/** A file of dist, or index.html for any other path (the app's routes). */
async function serve(url: string): Promise<{ status: number; type: string; body: Buffer }> {
  const path = normalize(decodeURIComponent(new URL(url, "http://console").pathname));
  const file = join(consoleDist, path);
  if (file.startsWith(consoleDist) && extname(path) !== "") {
    const body = await readFile(file).catch(() => undefined);
    if (body) return { status: 200, type: types[extname(path)] ?? "application/octet-stream", body };
    return { status: 404, type: "text/plain", body: Buffer.from("not found") };
  }
  return { status: 200, type: types[".html"] ?? "", body: await readFile(join(consoleDist, "index.html")) };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.closeAllConnections();
    server.close((error) => (error ? reject(error) : resolve()));
  });
}
