import { type Client, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { OperationsService } from "@waybill/contracts/waybill/operations/v1/operations_pb.js";

/**
 * OperationsService over the Connect protocol with a bearer token (the SDK has no client of it:
 * it is an operator's contract, not a partner's).
 *
 * @example
 * const admin = operationsClient(waybill.url, await waybill.token("admin"));
 */
export function operationsClient(baseUrl: string, token: string): Client<typeof OperationsService> {
  return createClient(
    OperationsService,
    createConnectTransport({
      baseUrl,
      httpVersion: "1.1",
      interceptors: [
        (next) => (req) => {
          req.header.set("Authorization", `Bearer ${token}`);
          return next(req);
        },
      ],
    }),
  );
}
