import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";

// Every TypeScript example of the SDK README, typechecked against the SDK as it is: an example
// that calls a method, field or option the SDK does not have fails here, not in a partner's editor.

const run = promisify(execFile);
const root = new URL("..", import.meta.url).pathname;
const dir = join(root, ".build", `sdk-readme-${process.pid}`);

/**
 * What the examples take as given (a client, a token, a signal…), declared once as globals. Each
 * example is a module of its own, so a name it declares itself shadows these.
 */
const givens = `import type { Waybill } from "@waybill/sdk";
declare global {
  const waybill: Waybill;
  const token: string;
  const brandToken: string;
  const baseUrl: string;
  const secret: string;
  const wanted: string;
  const signal: AbortSignal;
  const controller: AbortController;
  const request: Request;
  const session: { readonly token: string };
  const order: import("@waybill/sdk/orders").Order;
  const orderRequest: import("@waybill/sdk/orders").PlaceOrderRequest;
  const logger: { info(fields: object, message: string): void };
  const db: { save(id: string, text: string): Promise<void>; load(id: string): Promise<string> };
}
export {};
`;

afterAll(() => rm(dir, { recursive: true, force: true }));

it("typechecks every TypeScript example of sdk/README.md", async () => {
  const readme = await readFile(join(root, "sdk/README.md"), "utf8");
  // Fences may be indented (inside a list item): the example is dedented by the fence's indent.
  const examples = [...readme.matchAll(/^( *)```ts\n([\s\S]*?)\n\1```/gm)].map(([, indent = "", code = ""]) =>
    code.replaceAll(new RegExp(`^${indent}`, "gm"), ""),
  );
  expect(examples.length).toBeGreaterThan(10);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "givens.d.ts"), givens);
  const files = await Promise.all(
    examples.map(async (example, index) => {
      const file = `example-${String(index + 1).padStart(2, "0")}.ts`;
      await writeFile(join(dir, file), `${example}\nexport {};\n`);
      return file;
    }),
  );
  await writeFile(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: "../../tsconfig.json",
      compilerOptions: { types: ["node"] },
      // `include` is inherited from the root config unless set: without this, the whole repository is checked too.
      include: [],
      files: ["givens.d.ts", ...files],
    }),
  );
  const result = await run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", dir], {
    cwd: root,
    timeout: 120_000,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
  // tsc names the example file and line: example-03.ts is the README's third ```ts block.
  expect(result.stdout).toBe("");
}, 150_000);
