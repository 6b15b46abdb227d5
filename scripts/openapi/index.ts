/**
 * The OpenAPI 3.1 document of Waybill's Connect JSON API, generated from the contracts by a
 * protoplugin (`npm run generate` runs it in process on the image; `main.ts` runs it as a protoc
 * or buf plugin).
 */
export { connectCodeStatus } from "./connect-errors.js";
export { enumSchema } from "./enum-schema.js";
export { fieldSchema } from "./field-schema.js";
export type { JsonSchema, SchemaRefs } from "./json-schema.js";
export { messageSchema } from "./message-schema.js";
export { buildOpenApiDocument, type OpenApiDocumentInput } from "./openapi-document.js";
export { operationId, rpcPath } from "./operations.js";
export { openApiFileName, openApiPlugin } from "./plugin.js";
export { mapKeySchema, scalarSchema } from "./scalar-schema.js";
export { applyRules, rejectsZeroValue, rulesOf } from "./validate-rules.js";
export { wellKnownSchema } from "./well-known-schema.js";
