import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { create, type DescFile, toBinary } from "@bufbuild/protobuf";
import { type FileDescriptorProto, FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { file_buf_validate_validate } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";

/** The repository's root folder. */
export const repositoryRoot: string = new URL("../..", import.meta.url).pathname;

/**
 * The `--path` arguments naming our own contracts (lint and breaking checks leave the imported
 * protovalidate and well-known files alone).
 */
export const ownContractPaths: readonly string[] = ["--path", "waybill", "--path", "grpc", "--path", "google/rpc"];

/** Where {@link compileImage} reads the contracts and writes the image. */
export interface CompileImageOptions {
  /** The folder of .proto files (`proto/` of the repository, or a copy of it). */
  readonly protoDir: string;
  /** The image to write (a FileDescriptorSet with imports and source info). */
  readonly out: string;
  /** Where the protovalidate descriptor set is written (default: `.build/` of the repository). */
  readonly buildDir?: string;
}

/**
 * Compiles the contracts in `protoDir` into a buf image offline: protovalidate's compiled
 * descriptor (from npm, since buf.build is out of reach) is written as a FileDescriptorSet that
 * protoc compiles against. Throws with protoc's message when the contracts do not compile.
 */
export function compileImage(options: CompileImageOptions): void {
  const buildDir = options.buildDir ?? join(repositoryRoot, ".build");
  mkdirSync(buildDir, { recursive: true });
  mkdirSync(dirname(options.out), { recursive: true });
  const validateSet = join(buildDir, "validate.binpb");
  writeFileSync(validateSet, validateDescriptorSet());
  const files = protoFiles(options.protoDir, options.protoDir).sort();
  execFileSync(
    "protoc",
    [
      "-I",
      options.protoDir,
      `--descriptor_set_in=${validateSet}`,
      "--include_imports",
      "--include_source_info",
      "-o",
      options.out,
      ...files,
    ],
    { cwd: options.protoDir, stdio: ["ignore", "pipe", "pipe"] },
  );
}

/** buf/validate/validate.proto and its imports, dependencies first, as a FileDescriptorSet. */
function validateDescriptorSet(): Uint8Array {
  const files = new Map<string, FileDescriptorProto>();
  const collect = (file: DescFile): void => {
    for (const dependency of file.dependencies) collect(dependency);
    if (!files.has(file.proto.name)) files.set(file.proto.name, file.proto);
  };
  collect(file_buf_validate_validate);
  return toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, { file: [...files.values()] }));
}

function protoFiles(dir: string, protoDir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return protoFiles(path, protoDir);
    return name.endsWith(".proto") ? [relative(protoDir, path)] : [];
  });
}
