import type { DescEnum, DescFile, DescMessage, DescService } from "@bufbuild/protobuf";
import { createAccessRoles } from "./access-roles.js";
import { commentOf } from "./comments.js";
import { connectErrorResponse, connectErrorSchemas, errorComponents } from "./connect-errors.js";
import { bearerScheme, bearerSecurityScheme, connectHeaderParameters } from "./connect-headers.js";
import { enumSchema } from "./enum-schema.js";
import { componentName, componentRef, type JsonSchema, type SchemaRefs } from "./json-schema.js";
import { messageSchema } from "./message-schema.js";
import { rpcPath, serviceTag, streamingRpc, unaryOperation } from "./operations.js";

/** What the document describes and how it presents itself. */
export interface OpenApiDocumentInput {
  /** The services to describe (their unary RPCs become paths). */
  readonly services: readonly DescService[];
  /** Every file known (the access option is looked up among them). */
  readonly files: readonly DescFile[];
  /** `info.version`. */
  readonly version: string;
  /** The server URL the paths are relative to (`/`: the origin serving the document). */
  readonly serverUrl: string;
}

const overview = `Waybill's Connect API called as plain HTTP with JSON: every unary RPC is a \`POST\` of the request message as JSON (\`Content-Type: application/json\`) to \`/<package.Service>/<Method>\`, answered \`200\` with the response message, or with a Connect error (\`{code, message, details}\`) and the HTTP status of its code.

Every call needs \`Authorization: Bearer <token>\`: a JWT or a partner API key (\`wbk_…\`).

The JSON follows the protobuf JSON mapping: lowerCamelCase field names (the proto names are accepted too), 64-bit integers as decimal strings, enums by name (numbers are accepted too), bytes as base64, Timestamp as RFC 3339, Duration as "1.5s". Fields at their default value (0, "", false, the first enum value, empty lists) are left out of responses; unknown fields in a request are ignored.

Streaming RPCs (listed in \`x-connect-streaming-rpcs\`) use Connect's enveloped streaming format: call them with a Connect or gRPC client (\`@waybill/sdk\`, \`buf curl\`, grpcurl), not with this document.`;

/**
 * The OpenAPI 3.1 document of the services' unary RPCs over the Connect protocol with JSON:
 * paths, the request and response schemas of every message they reach (named by full protobuf
 * name), the Connect headers, the bearer security scheme and the Connect error. Keys come in a
 * fixed order (files, then declarations; components sorted), so the output is deterministic.
 */
export function buildOpenApiDocument(input: OpenApiDocumentInput): JsonSchema {
  const rolesOf = createAccessRoles(input.files);
  const needed = new Map<string, DescMessage | DescEnum>();
  const refs: SchemaRefs = {
    ref(desc) {
      if (!needed.has(componentName(desc))) needed.set(componentName(desc), desc);
      return componentRef(desc);
    },
  };
  const paths: Record<string, JsonSchema> = {};
  const streaming: JsonSchema[] = [];
  const tags: JsonSchema[] = [];
  for (const service of input.services) {
    if (tags.some((tag) => tag.name === serviceTag(service))) {
      throw new Error(`two services share the name ${serviceTag(service)}: tags and operation ids would clash`);
    }
    tags.push({ name: serviceTag(service), description: `${service.typeName}: ${commentOf(service)}`.trim() });
    for (const method of service.methods) {
      if (method.methodKind === "unary")
        paths[rpcPath(method)] = { post: unaryOperation(method, refs, rolesOf(method)) };
      else streaming.push(streamingRpc(method));
    }
  }
  const schemas: Record<string, JsonSchema> = connectErrorSchemas();
  // Schemas reach further types: keep going until every referenced type has its component.
  for (let done = 0; done < needed.size; done++) {
    const desc = [...needed.values()][done] as DescMessage | DescEnum;
    schemas[componentName(desc)] = desc.kind === "message" ? messageSchema(desc, refs) : enumSchema(desc);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Waybill API",
      version: input.version,
      description: overview,
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    servers: [{ url: input.serverUrl }],
    security: [{ [bearerScheme]: [] }],
    tags,
    paths,
    components: {
      schemas: sortedKeys(schemas),
      parameters: connectHeaderParameters(),
      responses: { [errorComponents.response]: connectErrorResponse() },
      securitySchemes: { [bearerScheme]: bearerSecurityScheme() },
    },
    "x-connect-streaming-rpcs": streaming,
  };
}

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
