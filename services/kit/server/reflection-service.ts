import { create, type DescService, fromBinary, type MessageInitShape, toBinary } from "@bufbuild/protobuf";
import { Code, type ServiceImpl } from "@connectrpc/connect";
import {
  ServerReflection,
  type ServerReflectionRequest,
  ServerReflectionRequestSchema,
  type ServerReflectionResponse,
  ServerReflectionResponseSchema,
} from "@waybill/contracts/grpc/reflection/v1/reflection_pb.js";
import {
  ServerReflectionRequestSchema as RequestSchemaV1alpha,
  ServerReflectionResponseSchema as ResponseSchemaV1alpha,
  ServerReflection as ServerReflectionV1alpha,
} from "@waybill/contracts/grpc/reflection/v1alpha/reflection_pb.js";
import { createReflectionSchema, type ReflectionSchema } from "./reflection-schema.js";

/** The reflection services of both protocol versions, ready for `router.service`. */
export interface ReflectionServices {
  /** `grpc.reflection.v1.ServerReflection`. */
  readonly v1: ServiceImpl<typeof ServerReflection>;
  /** `grpc.reflection.v1alpha.ServerReflection`, which older tools still use. */
  readonly v1alpha: ServiceImpl<typeof ServerReflectionV1alpha>;
}

/** The descriptors of the reflection services, to register and to list. */
export const reflectionServiceDescriptors: readonly DescService[] = [ServerReflection, ServerReflectionV1alpha];

/**
 * Creates gRPC server reflection over `services` (what this process serves, health included) and
 * the reflection services themselves: one response per request, in order, until the client
 * closes its side. An unknown file, symbol or extension is answered in-stream with NOT_FOUND, as
 * gRPC's own servers do, and the stream goes on.
 */
export function createReflectionServices(services: readonly DescService[]): ReflectionServices {
  const schema = createReflectionSchema([...services, ...reflectionServiceDescriptors]);
  return {
    v1: {
      async *serverReflectionInfo(requests) {
        for await (const request of requests) yield answer(schema, request);
      },
    },
    v1alpha: {
      // The two versions are the same messages on the wire; only the package differs.
      async *serverReflectionInfo(requests) {
        for await (const request of requests) {
          const v1 = fromBinary(ServerReflectionRequestSchema, toBinary(RequestSchemaV1alpha, request));
          yield fromBinary(ResponseSchemaV1alpha, toBinary(ServerReflectionResponseSchema, answer(schema, v1)));
        }
      },
    },
  };
}

/** Answers one reflection request from the schema. */
function answer(schema: ReflectionSchema, request: ServerReflectionRequest): ServerReflectionResponse {
  const respond = (messageResponse: MessageInitShape<typeof ServerReflectionResponseSchema>["messageResponse"]) =>
    create(ServerReflectionResponseSchema, { validHost: request.host, originalRequest: request, messageResponse });
  const files = (found: readonly Uint8Array[] | undefined, what: string) =>
    found ? respond({ case: "fileDescriptorResponse", value: { fileDescriptorProto: [...found] } }) : notFound(what);
  const notFound = (what: string) =>
    respond({ case: "errorResponse", value: { errorCode: Code.NotFound, errorMessage: `${what} not found` } });

  const question = request.messageRequest;
  switch (question.case) {
    case "listServices":
      return respond({
        case: "listServicesResponse",
        value: { service: schema.serviceNames.map((name) => ({ name })) },
      });
    case "fileByFilename":
      return files(schema.fileByName(question.value), `file ${question.value}`);
    case "fileContainingSymbol":
      return files(schema.fileContainingSymbol(question.value), `symbol ${question.value}`);
    case "fileContainingExtension": {
      const { containingType, extensionNumber } = question.value;
      return files(
        schema.fileContainingExtension(containingType, extensionNumber),
        `extension ${extensionNumber} of ${containingType}`,
      );
    }
    case "allExtensionNumbersOfType": {
      const numbers = schema.extensionNumbers(question.value);
      if (!numbers) return notFound(`message type ${question.value}`);
      return respond({
        case: "allExtensionNumbersResponse",
        value: { baseTypeName: question.value, extensionNumber: [...numbers] },
      });
    }
    default:
      return respond({
        case: "errorResponse",
        value: { errorCode: Code.InvalidArgument, errorMessage: "the request asks nothing (message_request is empty)" },
      });
  }
}
