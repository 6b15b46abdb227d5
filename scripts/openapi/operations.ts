import type { DescMethod, DescService } from "@bufbuild/protobuf";
import { commentOf, summaryOf } from "./comments.js";
import { errorComponents } from "./connect-errors.js";
import { headerParameters } from "./connect-headers.js";
import type { JsonSchema, SchemaRefs } from "./json-schema.js";

/** The path of an RPC in the Connect protocol: `/<package.Service>/<Method>`. */
export function rpcPath(method: DescMethod): string {
  return `/${method.parent.typeName}/${method.name}`;
}

/** The operation id of an RPC: `<Service>_<Method>`, e.g. `InventoryService_CreateItem`. */
export function operationId(method: DescMethod): string {
  return `${method.parent.name}_${method.name}`;
}

/** The tag grouping a service's operations (its short name, e.g. `InventoryService`). */
export function serviceTag(service: DescService): string {
  return service.name;
}

/**
 * The OpenAPI operation of a unary RPC called with the Connect protocol's JSON encoding: a POST
 * of the request message as JSON, answered 200 with the response message, or a Connect error.
 * `roles` (from the access option) are listed in the description and as `x-waybill-roles`.
 */
export function unaryOperation(method: DescMethod, refs: SchemaRefs, roles: readonly string[] | undefined): JsonSchema {
  const comment = commentOf(method);
  const notes = [comment];
  if (roles) notes.push(roles.length > 0 ? `Roles: ${roles.join(", ")}.` : "Refused to every role.");
  return {
    tags: [serviceTag(method.parent)],
    operationId: operationId(method),
    summary: summaryOf(comment) || method.name,
    description: notes.filter(Boolean).join("\n\n"),
    ...(roles ? { "x-waybill-roles": [...roles] } : {}),
    parameters: [
      { $ref: `#/components/parameters/${headerParameters.version}` },
      { $ref: `#/components/parameters/${headerParameters.timeout}` },
    ],
    requestBody: {
      required: true,
      content: { "application/json": { schema: refs.ref(method.input) } },
    },
    responses: {
      "200": {
        description: `The ${method.output.name}.`,
        content: { "application/json": { schema: refs.ref(method.output) } },
      },
      default: { $ref: `#/components/responses/${errorComponents.response}` },
    },
  };
}

/** A streaming RPC, which the document lists (`x-connect-streaming-rpcs`) but cannot describe as a path. */
export function streamingRpc(method: DescMethod): JsonSchema {
  return {
    path: rpcPath(method),
    kind: method.methodKind,
    request: method.input.typeName,
    response: method.output.typeName,
    summary: summaryOf(commentOf(method)),
  };
}
