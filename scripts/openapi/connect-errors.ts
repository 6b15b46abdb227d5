import type { JsonSchema } from "./json-schema.js";

/** Connect's error codes with the HTTP status of a unary error response carrying each. */
export const connectCodeStatus: Readonly<Record<string, number>> = {
  canceled: 499,
  unknown: 500,
  invalid_argument: 400,
  deadline_exceeded: 504,
  not_found: 404,
  already_exists: 409,
  permission_denied: 403,
  resource_exhausted: 429,
  failed_precondition: 400,
  aborted: 409,
  out_of_range: 400,
  unimplemented: 501,
  internal: 500,
  unavailable: 503,
  data_loss: 500,
  unauthenticated: 401,
};

/** The component names of the error schemas and response. */
export const errorComponents = { error: "connect.Error", detail: "connect.ErrorDetail", response: "ConnectError" };

/** The Connect error body and its details, as components of the document. */
export function connectErrorSchemas(): Record<string, JsonSchema> {
  const table = Object.entries(connectCodeStatus)
    .map(([code, status]) => `| \`${code}\` | ${status} |`)
    .join("\n");
  return {
    [errorComponents.error]: {
      type: "object",
      description: `The body of a failed call (Connect protocol). The HTTP status follows the code:\n\n| code | HTTP status |\n|---|---|\n${table}`,
      required: ["code"],
      properties: {
        code: { type: "string", enum: Object.keys(connectCodeStatus), description: "The Connect error code." },
        message: { type: "string", description: "What went wrong, for a developer (never a stack trace)." },
        details: {
          type: "array",
          items: { $ref: `#/components/schemas/${errorComponents.detail}` },
          description:
            "Typed details: buf.validate.Violations (which field broke which rule), google.rpc.RetryInfo (when to retry), and Waybill's own (e.g. waybill.inventory.v1.StockShortage).",
        },
      },
      "x-connect-status-codes": connectCodeStatus,
    },
    [errorComponents.detail]: {
      type: "object",
      required: ["type", "value"],
      properties: {
        type: { type: "string", description: "The detail's full message name, e.g. buf.validate.Violations." },
        value: {
          type: "string",
          contentEncoding: "base64",
          description: "The detail message in the protobuf binary format, base64 without padding.",
        },
        debug: { description: "The detail as JSON, when the server adds it (for reading only)." },
      },
    },
  };
}

/** The response every operation answers with when the call fails. */
export function connectErrorResponse(): JsonSchema {
  return {
    description:
      "The call failed: a Connect error. The status is the code's (see connect.Error); a RESOURCE_EXHAUSTED answer (rate limit) carries Retry-After.",
    headers: {
      "Retry-After": { description: "Seconds to wait (with resource_exhausted)", schema: { type: "integer" } },
    },
    content: { "application/json": { schema: { $ref: `#/components/schemas/${errorComponents.error}` } } },
  };
}
