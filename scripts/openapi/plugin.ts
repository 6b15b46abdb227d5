import { createEcmaScriptPlugin, type Plugin } from "@bufbuild/protoplugin";
import { buildOpenApiDocument } from "./openapi-document.js";

/** The plugin's own options (`--openapi_opt` / `opt:` in buf.gen.yaml), beside `target=ts`. */
interface OpenApiOptions {
  /** `info.version` of the document (default 0.0.0). */
  readonly version: string;
  /** The server URL (default `/`, the origin serving the document). */
  readonly serverUrl: string;
  /** Only services whose full name starts with this are described (default `waybill.`). */
  readonly servicePrefix: string;
  /** The file written (default `openapi.json`). */
  readonly out: string;
}

/** The name of the generated document within the plugin's output. */
export const openApiFileName = "openapi.json";

/**
 * protoc-gen-openapi: writes one OpenAPI 3.1 document (JSON) of the unary RPCs of every service
 * in the files to generate whose name starts with `service_prefix`. Options: `version=`,
 * `server_url=`, `service_prefix=`, `out=`; run it with `target=ts` (the document is written as
 * is, never transpiled).
 */
export const openApiPlugin: Plugin = createEcmaScriptPlugin<OpenApiOptions>({
  name: "protoc-gen-openapi",
  version: "v1",
  parseOptions(raw) {
    const options = { version: "0.0.0", serverUrl: "/", servicePrefix: "waybill.", out: openApiFileName };
    for (const { key, value } of raw) {
      if (key === "version") options.version = value;
      else if (key === "server_url") options.serverUrl = value;
      else if (key === "service_prefix") options.servicePrefix = value;
      else if (key === "out") options.out = value;
      else throw new Error(`unknown option ${key}`);
    }
    return options;
  },
  generateTs(schema) {
    const { version, serverUrl, servicePrefix, out } = schema.options;
    const services = schema.files
      .flatMap((file) => file.services)
      .filter((service) => service.typeName.startsWith(servicePrefix))
      .sort((a, b) => (a.typeName < b.typeName ? -1 : a.typeName > b.typeName ? 1 : 0));
    const document = buildOpenApiDocument({ services, files: schema.allFiles, version, serverUrl });
    schema.generateFile(out).print(JSON.stringify(document, null, 2));
  },
});
