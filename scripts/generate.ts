/**
 * Compiles the contracts in proto/ offline and regenerates gen/.
 *
 * buf.build is out of reach here, so the protovalidate module cannot be a buf dependency. Its
 * compiled descriptor ships in @bufbuild/protovalidate, so we write it (with its imports) as a
 * FileDescriptorSet, let protoc compile proto/ against it into an image, and hand that image to
 * buf for lint and generate. The image is committed as gen/waybill.binpb for `buf curl --schema`
 * and `buf breaking`.
 *
 *   npm run generate          lint, then regenerate gen/
 *   npm run lint              lint only
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { DescFile } from "@bufbuild/protobuf";
import { create, toBinary } from "@bufbuild/protobuf";
import { type FileDescriptorProto, FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { file_buf_validate_validate } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import { generateOpenApi } from "./generate-openapi.js";
import { generateWireContracts } from "./generate-wire-contracts.js";

const root = new URL("..", import.meta.url).pathname;
const buildDir = join(root, ".build");
const genDir = join(root, "gen");
const lintOnly = process.argv.includes("--lint-only");

function collect(file: DescFile, seen: Map<string, FileDescriptorProto>): void {
  for (const dep of file.dependencies) collect(dep, seen);
  if (!seen.has(file.name)) seen.set(file.proto.name, file.proto);
}

function protoFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return protoFiles(path);
    return name.endsWith(".proto") ? [relative(join(root, "proto"), path)] : [];
  });
}

function run(cmd: string, args: string[]): void {
  try {
    execFileSync(cmd, args, { cwd: root, stdio: "inherit" });
  } catch {
    console.error(`generate: ${cmd} ${args.join(" ")} failed`);
    process.exit(1);
  }
}

mkdirSync(buildDir, { recursive: true });
const deps = new Map<string, FileDescriptorProto>();
collect(file_buf_validate_validate, deps);
const validateSet = join(buildDir, "validate.binpb");
writeFileSync(
  validateSet,
  toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, { file: [...deps.values()] })),
);

const image = join(lintOnly ? buildDir : genDir, "waybill.binpb");
run("protoc", [
  "-I",
  "proto",
  `--descriptor_set_in=${validateSet}`,
  "--include_imports",
  "--include_source_info",
  "-o",
  image,
  ...protoFiles(join(root, "proto")).sort(),
]);

const ownPaths = ["--path", "waybill", "--path", "grpc", "--path", "google/rpc"];
run("npx", ["buf", "lint", image, "--config", "buf.yaml", ...ownPaths]);
if (lintOnly) process.exit(0);

for (const dir of ["waybill", "grpc", "google"]) rmSync(join(genDir, dir), { recursive: true, force: true });
run("npx", ["buf", "generate", image, "--template", "buf.gen.yaml", ...ownPaths]);
generateWireContracts({ root, image });
generateOpenApi(image);
console.log("generate: gen/ is up to date");
