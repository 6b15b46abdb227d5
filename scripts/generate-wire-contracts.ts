/**
 * Generates gen/wire/: the contracts as the SDK ships them, without validation.
 *
 * gen/ carries the buf.validate rules of every request (the server enforces them), so each
 * generated file imports the protovalidate descriptors: 70 KB of base64 in any bundle that holds
 * a client. A client needs only the wire shape. This step copies the image, removes every
 * buf.validate option and the import of buf/validate/validate.proto, keeps the files the SDK
 * uses (waybill/**, google/rpc/**) plus a minimal buf/validate/validate.proto that holds only the
 * messages of the `buf.validate.Violations` error detail, and runs protoc-gen-es on the result.
 * The SDK's build bundles gen/wire/ in place of gen/ (sdk/tsup.config.ts).
 *
 * Called by scripts/generate.ts after gen/ is written; the output depends only on the image, so
 * running it twice gives the same files.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { clone, create, fromBinary, type Message, toBinary } from "@bufbuild/protobuf";
import {
  type DescriptorProto,
  type FieldDescriptorProto,
  type FileDescriptorProto,
  FileDescriptorProtoSchema,
  FileDescriptorSetSchema,
} from "@bufbuild/protobuf/wkt";

const validateFile = "buf/validate/validate.proto";
/** The messages of the `buf.validate.Violations` detail that `violationsOf` decodes. */
const violationMessages = new Set(["Violations", "Violation", "FieldPath", "FieldPathElement"]);
/** The files generated into gen/wire/ (their imports of well-known types come from @bufbuild/protobuf). */
const wirePaths = ["waybill", "google/rpc", "buf/validate"];

/** Extension numbers that buf/validate/validate.proto declares, by the options message they extend. */
type ValidateExtensions = ReadonlyMap<string, ReadonlySet<number>>;

function validateExtensions(file: FileDescriptorProto | undefined): ValidateExtensions {
  const numbers = new Map<string, Set<number>>();
  for (const extension of file?.extension ?? []) {
    const options = extension.extendee.replace(/^\./, "");
    numbers.set(options, (numbers.get(options) ?? new Set()).add(extension.number));
  }
  return numbers;
}

/** Removes the buf.validate options (unknown fields to this decoder) from one options message. */
function stripOptions<T extends Message>(options: T | undefined, drop: ValidateExtensions): T | undefined {
  if (options === undefined) return undefined;
  const numbers = drop.get(options.$typeName);
  if (numbers && options.$unknown) options.$unknown = options.$unknown.filter((field) => !numbers.has(field.no));
  if (options.$unknown?.length === 0) delete options.$unknown;
  // Options with nothing left are dropped so the embedded descriptors stay as small as they can.
  return Object.keys(options).some((key) => key !== "$typeName" && isSet((options as Record<string, unknown>)[key]))
    ? options
    : undefined;
}

function isSet(value: unknown): boolean {
  return value !== undefined && !(Array.isArray(value) && value.length === 0);
}

function stripField(field: FieldDescriptorProto, drop: ValidateExtensions): void {
  field.options = stripOptions(field.options, drop);
}

function stripMessage(message: DescriptorProto, drop: ValidateExtensions): void {
  message.options = stripOptions(message.options, drop);
  for (const field of [...message.field, ...message.extension]) stripField(field, drop);
  for (const oneof of message.oneofDecl) oneof.options = stripOptions(oneof.options, drop);
  for (const nested of message.nestedType) stripMessage(nested, drop);
}

/** A contract file without its validation rules and without the import of validate.proto. */
function withoutValidation(file: FileDescriptorProto, drop: ValidateExtensions): FileDescriptorProto {
  const copy = clone(FileDescriptorProtoSchema, file);
  if (copy.publicDependency.length > 0 || copy.weakDependency.length > 0) {
    throw new Error(`generate-wire-contracts: ${file.name} has public or weak imports, which this step does not remap`);
  }
  copy.dependency = copy.dependency.filter((name) => name !== validateFile);
  for (const message of copy.messageType) stripMessage(message, drop);
  for (const field of copy.extension) stripField(field, drop);
  return copy;
}

/**
 * validate.proto cut down to the Violations detail: the four messages, minus the fields whose
 * types live in google/protobuf/descriptor.proto (a decoder keeps them as unknown fields).
 */
function violationsOnly(file: FileDescriptorProto): FileDescriptorProto {
  const copy = clone(FileDescriptorProtoSchema, file);
  copy.dependency = [];
  copy.extension = [];
  copy.enumType = [];
  copy.service = [];
  // Comment locations point at messages by index; without the others they would point astray.
  copy.sourceCodeInfo = undefined;
  copy.messageType = copy.messageType.filter((message) => violationMessages.has(message.name));
  for (const message of copy.messageType) {
    message.field = message.field.filter((field) => !field.typeName.startsWith(".google.protobuf."));
    message.options = undefined;
    for (const field of message.field) field.options = undefined;
  }
  return copy;
}

/** Writes gen/wire/ from the compiled image of the contracts. */
export function generateWireContracts(options: { readonly root: string; readonly image: string }): void {
  const set = fromBinary(FileDescriptorSetSchema, readFileSync(options.image));
  const validate = set.file.find((file) => file.name === validateFile);
  const drop = validateExtensions(validate);
  const files = set.file.flatMap((file) => {
    if (file.name === validateFile) return [violationsOnly(file)];
    if (file.name.startsWith("google/protobuf/") || wirePaths.some((path) => file.name.startsWith(`${path}/`))) {
      return [withoutValidation(file, drop)];
    }
    return [];
  });
  // Well-known types stay in the image for imports; descriptor.proto only if a kept file needs it.
  const needed = new Set(files.flatMap((file) => file.dependency));
  const kept = files.filter((file) => !file.name.startsWith("google/protobuf/") || needed.has(file.name));

  const buildDir = join(options.root, ".build");
  const wireImage = join(buildDir, "wire.binpb");
  mkdirSync(buildDir, { recursive: true });
  writeFileSync(wireImage, toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, { file: kept })));

  const wireDir = join(options.root, "gen", "wire");
  rmSync(wireDir, { recursive: true, force: true });
  const template = {
    version: "v2",
    plugins: [{ local: "protoc-gen-es", out: "gen/wire", opt: ["target=js+dts", "import_extension=js"] }],
  };
  const paths = wirePaths.flatMap((path) => ["--path", path]);
  execFileSync("npx", ["buf", "generate", wireImage, "--template", JSON.stringify(template), ...paths], {
    cwd: options.root,
    stdio: "inherit",
  });
}
