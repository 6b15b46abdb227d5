import type { JsonSchema } from "./json-schema.js";

/** The component names of the Connect protocol's request headers. */
export const headerParameters = { version: "ConnectProtocolVersion", timeout: "ConnectTimeoutMs" } as const;

/** The security scheme every RPC needs. */
export const bearerScheme = "bearer";

/**
 * The Connect protocol's request headers as reusable parameters. Waybill does not require
 * `Connect-Protocol-Version` (connect-es's `requireConnectProtocolHeader` is off), but Connect
 * clients send it and proxies may use it to tell Connect from other POSTs.
 */
export function connectHeaderParameters(): Record<string, JsonSchema> {
  return {
    [headerParameters.version]: {
      name: "Connect-Protocol-Version",
      in: "header",
      required: false,
      description: "The Connect protocol version. Optional for Waybill; send 1 as Connect clients do.",
      schema: { type: "string", enum: ["1"] },
    },
    [headerParameters.timeout]: {
      name: "Connect-Timeout-Ms",
      in: "header",
      required: false,
      description:
        "The caller's deadline in milliseconds; past it the call ends with deadline_exceeded (the server caps it).",
      schema: { type: "string", pattern: "^[0-9]{1,10}$" },
    },
  };
}

/** The bearer-token security scheme: a JWT or a partner API key. */
export function bearerSecurityScheme(): JsonSchema {
  return {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT or API key (wbk_…)",
    description:
      "An HS256 JWT naming a role (and a brand for brands and partners), or a partner API key (wbk_…) issued through the API. Send it as `Authorization: Bearer <token>`.",
  };
}
