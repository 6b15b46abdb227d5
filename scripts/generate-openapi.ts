/**
 * Writes gen/openapi.json, the OpenAPI 3.1 document of the Connect JSON API, from the compiled
 * contracts: the protoc-gen-openapi plugin (scripts/openapi/) runs in process on the image, for
 * every file of a `waybill.` package. `npm run generate` calls it once gen/ is regenerated.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { create, fromBinary } from "@bufbuild/protobuf";
import { CodeGeneratorRequestSchema, FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { openApiFileName, openApiPlugin } from "./openapi/index.js";

const root = new URL("..", import.meta.url).pathname;

/** Where the document is committed, beside the image. */
export const openApiPath: string = join(root, "gen", openApiFileName);

/**
 * Runs the OpenAPI plugin on `image` (a FileDescriptorSet with imports and source info) and
 * returns the document's text; `info.version` is the root package.json's version.
 */
export function renderOpenApi(image: string): string {
  const set = fromBinary(FileDescriptorSetSchema, readFileSync(image));
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  const request = create(CodeGeneratorRequestSchema, {
    fileToGenerate: set.file.filter((file) => file.package.startsWith("waybill.")).map((file) => file.name),
    parameter: `target=ts,version=${version}`,
    protoFile: set.file,
  });
  const response = openApiPlugin.run(request);
  if (response.error) throw new Error(`protoc-gen-openapi: ${response.error}`);
  const file = response.file.find((generated) => generated.name === openApiFileName);
  if (!file) throw new Error(`protoc-gen-openapi wrote no ${openApiFileName}`);
  return file.content.endsWith("\n") ? file.content : `${file.content}\n`;
}

/** Writes {@link openApiPath} from `image`. */
export function generateOpenApi(image: string): void {
  writeFileSync(openApiPath, renderOpenApi(image));
  console.log("generate: wrote gen/openapi.json");
}
