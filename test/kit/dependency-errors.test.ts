import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createDatabase, DependencyUnavailableError, ensureDatabase } from "../../services/kit/database/index.js";
import { connectNats } from "../../services/kit/events/index.js";
import { createTestLogger, freePort } from "../support/index.js";

const logger = createTestLogger();

describe("unreachable dependencies", () => {
  it("PostgreSQL: names host:port (never the password) and DATABASE_URL", async () => {
    const port = await freePort();
    const url = `postgres://root:s3cret@127.0.0.1:${port}/waybill`;
    const error = await ensureDatabase(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    const message = (error as Error).message;
    expect(message).toContain(`PostgreSQL is unreachable at 127.0.0.1:${port}`);
    expect(message).toContain("set DATABASE_URL");
    expect(message).not.toContain("s3cret");

    // The pool used by services gives the same error on its first query.
    const db = createDatabase<unknown>({ url, logger, connectionTimeoutMs: 2_000 });
    try {
      await expect(db.selectNoFrom(sql<number>`1`.as("one")).execute()).rejects.toThrow(
        new RegExp(`PostgreSQL is unreachable at 127\\.0\\.0\\.1:${port}.*set DATABASE_URL`),
      );
    } finally {
      await db.destroy();
    }
  });

  it("NATS: names host:port and NATS_URL", async () => {
    const port = await freePort();
    const error = await connectNats({ url: `nats://127.0.0.1:${port}`, name: "test", logger, timeoutMs: 2_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect((error as Error).message).toMatch(
      new RegExp(`^NATS is unreachable at 127\\.0\\.0\\.1:${port} .*set NATS_URL`),
    );
  });

  it("a database error that is not about reachability is passed through", async () => {
    const db = createDatabase<unknown>({ url: "postgres://root@127.0.0.1:5432/postgres", logger });
    try {
      const error = await db
        .selectNoFrom(sql<number>`1/0`.as("x"))
        .execute()
        .catch((e: unknown) => e);
      expect(error).not.toBeInstanceOf(DependencyUnavailableError);
      expect((error as { code?: string }).code).toBe("22012");
    } finally {
      await db.destroy();
    }
  });
});
