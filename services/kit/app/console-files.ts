import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";

const gzipAsync = promisify(gzip);

/** A file of the console's build, held in memory with what a conditional or compressed answer needs. */
export interface ConsoleFile {
  readonly body: Buffer;
  /** The gzip of `body`, for types worth compressing; undefined for images and fonts. */
  readonly gzip: Buffer | undefined;
  readonly etag: string;
  readonly type: string;
}

/** Content types by extension; anything else is `application/octet-stream`. */
const types: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".txt": "text/plain; charset=utf-8",
};

/** Types that gzip shrinks (text); images and fonts are compressed already. */
const compressible = /^(text\/|application\/(json|manifest\+json)|image\/svg\+xml)/;

/** The content type of a file name. */
export function contentTypeOf(name: string): string {
  return types[extname(name).toLowerCase()] ?? "application/octet-stream";
}

/** Reads the console's files through a cache that a rebuild invalidates (see {@link createConsoleFiles}). */
export interface ConsoleFiles {
  /** The file at an absolute path, or undefined when there is no regular file there. */
  read(path: string): Promise<ConsoleFile | undefined>;
}

/** The most files held in memory; a build has a handful, so more means a crawler's misses. */
const maxCached = 256;

/**
 * Reads files from disk at request time and keeps them in memory while their modification time
 * and size stay the same: a rebuild of the console is served at once, without a restart, and an
 * unchanged file costs one `stat`. Compression and the ETag are computed once per version.
 */
export function createConsoleFiles(): ConsoleFiles {
  const cache = new Map<string, { readonly version: string; readonly file: Promise<ConsoleFile> }>();
  return {
    async read(path) {
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) {
        cache.delete(path);
        return undefined;
      }
      const version = `${info.mtimeMs}:${info.size}`;
      const cached = cache.get(path);
      if (cached?.version === version) return cached.file;
      if (cache.size >= maxCached) cache.clear();
      const file = load(path);
      // A failed read (the file went away mid-build) is tried again by the next request.
      file.catch(() => cache.delete(path));
      cache.set(path, { version, file });
      return file;
    },
  };
}

async function load(path: string): Promise<ConsoleFile> {
  const body = await readFile(path);
  const type = contentTypeOf(path);
  return {
    body,
    gzip: compressible.test(type) ? await gzipAsync(body) : undefined,
    etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
    type,
  };
}
