/**
 * protoc-gen-openapi as a process: reads a CodeGeneratorRequest on stdin, writes the response.
 *
 *   buf generate gen/waybill.binpb --path waybill \
 *     --template '{"version":"v2","plugins":[{"local":["npx","tsx","scripts/openapi/main.ts"],"strategy":"all","out":"out","opt":["target=ts"]}]}'
 *
 * (`strategy: all`: one document for every file, not one per directory.) Gives the same bytes as
 * gen/openapi.json with `version=` the package's version.
 */
import { runNodeJs } from "@bufbuild/protoplugin";
import { openApiPlugin } from "./plugin.js";

runNodeJs(openApiPlugin);
