import { readFileSync } from "node:fs";
import { createFileRegistry, type DescMethod, fromBinary } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { createWaybill } from "@waybill/sdk/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenIssuer } from "../../services/kit/auth/index.js";
import {
  createIsolatedEnvironment,
  type IsolatedEnvironment,
  itemRequest,
  spawnWaybill,
  type WaybillProcess,
  waitUntil,
} from "../support/index.js";
import { buildCase, type FuzzCase, preview } from "./fuzz-case.js";
import { caseSeed, createPrng } from "./prng.js";
import { sendBody, type WireAnswer } from "./wire-call.js";

// Random and broken bodies to every RPC of a real Waybill process, over the Connect protocol
// (unary and streaming, JSON and binary) and gRPC: no answer may be `internal` or `unknown`, and
// the process must still be up and SERVING afterwards. FUZZ_SEED replays a run; FUZZ_CASES sets
// the cases per method (40 by default: about 2,100 requests).
const seed = Number(process.env.FUZZ_SEED ?? 20_261_130) >>> 0;
const casesPerMethod = Number(process.env.FUZZ_CASES ?? 40);
// FUZZ_ONLY=<method name>#<case> (or just <method name>) replays only the matching cases.
const [onlyMethod, onlyCase] = (process.env.FUZZ_ONLY ?? "").split("#");
const concurrency = 8;
const secret = "rpc-fuzz-test-secret-of-at-least-32-chars";

// Every service and method of the committed image (`gen/waybill.binpb`), health included, but
// bidirectional streams (see below).
const image = fromBinary(FileDescriptorSetSchema, readFileSync(new URL("../../gen/waybill.binpb", import.meta.url)));
const methods: DescMethod[] = [...createFileRegistry(image).files]
  .flatMap((file) => file.services)
  .flatMap((service) => service.methods)
  // Bidirectional streams (server reflection only) need HTTP/2 end to end, which these cases,
  // sent over HTTP/1.1 too, do not give; test/kit/reflection.test.ts covers bad reflection requests.
  .filter((method) => method.methodKind !== "bidi_streaming");

let env: IsolatedEnvironment;
let waybill: WaybillProcess;
const tokens: Record<FuzzCase["caller"], string | undefined> = { admin: "", brand: "", anonymous: undefined };

/** The health of the whole server, over Connect JSON. */
async function health(): Promise<string> {
  const response = await fetch(new URL("/grpc.health.v1.Health/Check", waybill.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  return ((await response.json()) as { status?: string }).status ?? `http ${response.status}`;
}

beforeAll(async () => {
  env = await createIsolatedEnvironment();
  waybill = await spawnWaybill(env, { AUTH_SECRET: secret });
  const issuer = createTokenIssuer(secret);
  tokens.admin = await issuer.sign({ subject: "fuzz-admin", role: "admin" });
  tokens.brand = await issuer.sign({ subject: "fuzz-brand", role: "brand", brandId: "acme" });
  await waitUntil(health, (status) => status === "SERVING", "Waybill serving", 30_000);
  // A known item, so that plausible random ids sometimes reach real rows.
  const admin = createWaybill({ baseUrl: waybill.url, token: tokens.admin });
  await admin.inventory.createItem(itemRequest("acme", "MUG-1"));
}, 60_000);
afterAll(async () => {
  await waybill?.kill("SIGTERM");
  await env?.cleanup();
});

/** A failed case, with everything needed to replay it. */
interface Finding {
  /** Method and protocol. */
  readonly where: string;
  /** Everything needed to replay the case. */
  readonly label: string;
  readonly answer: WireAnswer;
}

/** Whether an answer betrays a crash, a bug or a hang rather than a refusal. */
function isFailure(answer: WireAnswer): boolean {
  return (
    ["internal", "unknown", "no-answer", "closed-without-status", "transport-error"].includes(answer.code) ||
    answer.status >= 500
  );
}

/** Failures grouped by method, protocol and answer (trace ids left out), each with its first case. */
function summarise(findings: readonly Finding[]): string {
  const groups = new Map<string, { first: Finding; count: number }>();
  for (const finding of findings) {
    const key = `${finding.where} ${finding.answer.code} ${finding.answer.message.replace(/[0-9a-f]{32}/g, "…")}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { first: finding, count: 1 });
  }
  return [...groups.values()]
    .map(({ first, count }) => {
      const { status, code, message } = first.answer;
      return `${first.label}\n    -> HTTP ${status} ${code}: ${message.slice(0, 200)}${count > 1 ? ` (and ${count - 1} more like it)` : ""}`;
    })
    .join("\n");
}

describe("fuzzing every RPC", () => {
  it("answers random and broken bodies without internal or unknown errors and stays up", async () => {
    console.info(
      `rpc fuzz: seed ${seed} (FUZZ_SEED), ${casesPerMethod} cases per method (FUZZ_CASES), ${methods.length} methods`,
    );
    expect(methods.length).toBeGreaterThan(40);
    const jobs = methods
      .flatMap((method) => Array.from({ length: casesPerMethod }, (_, index) => ({ method, index })))
      .filter(
        ({ method, index }) => !onlyMethod || (method.name === onlyMethod && (!onlyCase || String(index) === onlyCase)),
      );
    const findings: Finding[] = [];
    const codes = new Map<string, number>();
    let next = 0;
    const worker = async () => {
      for (let job = jobs[next++]; job; job = jobs[next++]) {
        const path = `/${job.method.parent.typeName}/${job.method.name}`;
        const fuzzCase = buildCase(createPrng(caseSeed(seed, path, job.index)), job.method, job.index);
        const streaming = job.method.methodKind === "server_streaming";
        const answer = await sendBody({
          baseUrl: waybill.url,
          path,
          protocol: fuzzCase.protocol,
          codec: fuzzCase.codec,
          token: tokens[fuzzCase.caller],
          body: fuzzCase.body,
          openMs: streaming ? 300 : 20_000,
          timeoutMs: 20_000,
        });
        codes.set(answer.code, (codes.get(answer.code) ?? 0) + 1);
        if (isFailure(answer)) {
          const where = `${path} ${fuzzCase.protocol}/${fuzzCase.codec}`;
          const label = `${where} as ${fuzzCase.caller}, FUZZ_SEED=${seed} FUZZ_ONLY=${job.method.name}#${job.index} (${fuzzCase.how}): ${preview(fuzzCase)}`;
          findings.push({ where, label, answer });
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    console.info(`rpc fuzz: ${jobs.length} requests, answers ${JSON.stringify(Object.fromEntries(codes))}`);

    expect(findings.length, `${findings.length} failing answers, by kind:\n${summarise(findings)}`).toBe(0);
    expect(waybill.running(), `the process exited:\n${waybill.output().slice(-2000)}`).toBe(true);
    expect(await health()).toBe("SERVING");
  }, 240_000);
});
