import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jetstreamManager } from "@nats-io/jetstream";
import { dropDatabase, ensureDatabase, withDatabase } from "../../services/kit/database/index.js";
import { connectNats } from "../../services/kit/events/index.js";
import { createTestLogger } from "./test-logger.js";

/** Resources private to one test file: a database and an event prefix. */
export interface IsolatedEnvironment {
  /** URL of a fresh database `waybill_test_<random>`. */
  readonly databaseUrl: string;
  /** Random event prefix such as `t3f9a1c0b`; streams are `T3F9A1C0B_*`. */
  readonly prefix: string;
  readonly natsUrl: string;
  /** A folder in the temp directory for mail written without SMTP (`MAIL_DIR`). */
  readonly mailDir: string;
  /**
   * Drops the database, deletes every stream of the prefix (the dead-letter stream and the
   * rate-limit KV bucket too) and the mail folder.
   */
  cleanup(): Promise<void>;
}

/** Where the shared servers are; CI and laptops override with the usual variables. */
const DEFAULT_DATABASE_URL = "postgres://root@127.0.0.1:5432/postgres";
const DEFAULT_NATS_URL = "nats://127.0.0.1:4222";

/**
 * Creates an isolated environment on the shared PostgreSQL and NATS servers (`DATABASE_URL`,
 * `NATS_URL`), so test files can run in parallel, and on CI beside other runs, without seeing
 * each other's rows or events. Call `cleanup()` in `afterAll`.
 *
 * @example
 * const env = await createIsolatedEnvironment();
 * afterAll(() => env.cleanup());
 */
export async function createIsolatedEnvironment(
  variables: Readonly<Record<string, string | undefined>> = process.env,
): Promise<IsolatedEnvironment> {
  const id = randomBytes(5).toString("hex");
  const databaseUrl = withDatabase(variables.DATABASE_URL || DEFAULT_DATABASE_URL, `waybill_test_${id}`);
  const natsUrl = variables.NATS_URL || DEFAULT_NATS_URL;
  const prefix = `t${id}`;
  await ensureDatabase(databaseUrl);
  const mailDir = join(tmpdir(), `waybill-mail-${prefix}`);
  return {
    databaseUrl,
    prefix,
    natsUrl,
    mailDir,
    async cleanup() {
      await Promise.all([
        dropDatabase(databaseUrl),
        deleteStreams(natsUrl, [`${prefix.toUpperCase()}_`, `KV_${prefix.toUpperCase()}_`]),
        rm(mailDir, { recursive: true, force: true }),
      ]);
    },
  };
}

async function deleteStreams(natsUrl: string, namePrefixes: readonly string[]): Promise<void> {
  const nc = await connectNats({ url: natsUrl, name: "test-cleanup", logger: createTestLogger() });
  try {
    const jsm = await jetstreamManager(nc);
    const names: string[] = [];
    for await (const name of jsm.streams.names()) if (namePrefixes.some((p) => name.startsWith(p))) names.push(name);
    await Promise.all(names.map((name) => jsm.streams.delete(name)));
  } finally {
    await nc.close();
  }
}
