import {
  create,
  type DescMessage,
  type DescMethodUnary,
  fromBinary,
  type MessageInitShape,
  type MessageShape,
  toBinary,
} from "@bufbuild/protobuf";
import * as grpc from "@grpc/grpc-js";

/** The outcome of a plain `@grpc/grpc-js` unary call. */
export type GrpcJsResult<O extends DescMessage> =
  | { readonly ok: true; readonly message: MessageShape<O> }
  | { readonly ok: false; readonly code: grpc.status; readonly details: string };

/**
 * Calls a unary method with the plain `@grpc/grpc-js` client (no Connect code on the client
 * side), serializing with protobuf-es, to prove interoperability with stock gRPC clients.
 */
export function callGrpcJs<I extends DescMessage, O extends DescMessage>(
  address: string,
  method: DescMethodUnary<I, O>,
  request: MessageInitShape<I>,
  token?: string,
): Promise<GrpcJsResult<O>> {
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  const metadata = new grpc.Metadata();
  if (token) metadata.set("authorization", `Bearer ${token}`);
  const path = `/${method.parent.typeName}/${method.name}`;
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      path,
      (value: MessageShape<I>) => Buffer.from(toBinary(method.input, value)),
      (bytes: Buffer) => fromBinary(method.output, bytes),
      create(method.input, request),
      metadata,
      (error, message) => {
        client.close();
        if (error) resolve({ ok: false, code: error.code, details: error.details });
        else resolve({ ok: true, message: message! });
      },
    );
  });
}
