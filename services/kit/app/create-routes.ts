import { Code, ConnectError, type ConnectRouter, type Interceptor } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { Health } from "@waybill/contracts/grpc/health/v1/health_pb.js";
import { ServerReflection } from "@waybill/contracts/grpc/reflection/v1/reflection_pb.js";
import { ServerReflection as ServerReflectionV1alpha } from "@waybill/contracts/grpc/reflection/v1alpha/reflection_pb.js";
import type { Logger } from "pino";
import {
  type ApiKeyVerifier,
  addressLimitedServices,
  apiKeyPrefix,
  type Principal,
  principalOfBearer,
  type TokenIssuer,
} from "../auth/index.js";
import {
  answerUndecodableRequests,
  createAuthInterceptor,
  createErrorInterceptor,
  createLoggingInterceptor,
  createServerMetricsInterceptor,
  createServerTracingInterceptor,
  createStreamCapInterceptor,
  createValidationInterceptor,
} from "../interceptors/index.js";
import type { RateLimitCheck } from "../rate-limits/index.js";
import {
  callerContextValues,
  createReflectionServices,
  type DualHandler,
  gateRequests,
  type HealthRegistry,
  reflectionServiceDescriptors,
} from "../server/index.js";
import type { ServedService, ServiceDefinition, ServiceInstance } from "./service-definition.js";

/**
 * The interceptor chain, outermost first: the span opens before anything else so every log line
 * and error carries its trace id, and `rpc.server.call.duration` is timed right inside it (the
 * same call, the same code); errors are mapped after auth and validation have spoken; the
 * stream cap counts callers once auth has named them. `maxStreamsPerPrincipal` 0 means no cap.
 * Without `apiKeys`, API key credentials are refused.
 */
export function serverInterceptors(
  logger: Logger,
  tokens: TokenIssuer,
  maxStreamsPerPrincipal = 0,
  apiKeys?: ApiKeyVerifier,
): Interceptor[] {
  return [
    createServerTracingInterceptor(),
    createServerMetricsInterceptor(),
    createLoggingInterceptor(logger),
    createErrorInterceptor(logger),
    exceptForReflection(createAuthInterceptor(tokens, apiKeys)),
    createStreamCapInterceptor(maxStreamsPerPrincipal),
    createValidationInterceptor(),
  ];
}

/** The reflection services' names: public, like health (see {@link createRoutes}). */
const reflectionNames = new Set(reflectionServiceDescriptors.map((service) => service.typeName));

/**
 * Skips `interceptor` (auth) for gRPC server reflection, which needs no token: it tells what the
 * public contracts in proto/ already say, nothing about data. The stream cap still counts its
 * streams, per client address.
 */
function exceptForReflection(interceptor: Interceptor): Interceptor {
  return (next) => {
    const intercepted = interceptor(next);
    return (req) => (reflectionNames.has(req.method.parent.typeName) ? next(req) : intercepted(req));
  };
}

/**
 * Builds the Connect handler serving the given services, health and (unless `reflection` is
 * false) gRPC server reflection, v1 and v1alpha, on every protocol. Reflection lists and
 * describes the services served, health and itself, and like health needs no token and draws on
 * no rate limit (its streams count towards the per-address stream cap). Before any body is read,
 * a request for anything else must carry a valid bearer token and may
 * not declare a body over `requestMaxBytes`; connect-es then holds every message, compressed
 * and decompressed, to the same limit (`readMaxBytes`). The auth interceptor still makes the
 * full check (roles, undeclared methods) once the request is decoded. The rate limit is checked
 * there too, once the token says whose budget a request draws from.
 */
export function createRoutes(options: {
  readonly services: ReadonlyArray<{ readonly definition: ServiceDefinition; readonly instance: ServiceInstance }>;
  readonly health: HealthRegistry;
  readonly interceptors: Interceptor[];
  readonly tokens: TokenIssuer;
  /** Checks API key credentials (`wbk_…`) beside tokens; without it they are refused. */
  readonly apiKeys?: ApiKeyVerifier;
  readonly requestMaxBytes: number;
  /** The deepest JSON nesting a request may have (`REQUEST_MAX_JSON_DEPTH`); unset: not checked. */
  readonly requestMaxJsonDepth?: number;
  /** The callers' rate limits, checked before any body is read; none when absent. */
  readonly limitRate?: RateLimitCheck;
  /** Proxies of one's own in front (`TRUSTED_PROXY_HOPS`), to read the client's address. */
  readonly trustedProxyHops?: number;
  /** Whether to serve gRPC server reflection (`REFLECTION_ENABLED`); true when unset. */
  readonly reflection?: boolean;
  /**
   * Services of the process itself rather than of one service (the operators' OperationsService;
   * the development sign-in while DEV_SIGN_IN_ENABLED). Those in `addressLimitedServices` need no token, and their paths are
   * charged to the caller's address whether served or not, so that an unserved one answers like
   * an unknown RPC rather than asking for a token.
   */
  readonly processServices?: readonly ServedService[];
}): DualHandler {
  const reflection = options.reflection ?? true;
  const processServices = options.processServices ?? [];
  const adapter = connectNodeAdapter({
    interceptors: options.interceptors,
    readMaxBytes: options.requestMaxBytes,
    contextValues: callerContextValues(options.trustedProxyHops),
    routes(router: ConnectRouter) {
      router.service(Health, options.health.implementation);
      for (const { definition, instance } of options.services) {
        router.service(definition.descriptor, instance.implementation);
        for (const more of instance.services ?? []) router.service(more.descriptor, more.implementation);
      }
      for (const more of processServices) router.service(more.descriptor, more.implementation);
      if (reflection) {
        const served = [
          Health,
          ...options.services.flatMap(({ definition, instance }) => [
            definition.descriptor,
            ...(instance.services ?? []).map((more) => more.descriptor),
          ]),
          ...processServices.map((more) => more.descriptor),
        ];
        const implementations = createReflectionServices(served);
        router.service(ServerReflection, implementations.v1);
        router.service(ServerReflectionV1alpha, implementations.v1alpha);
      }
      // A body that does not decode is the caller's mistake, not an internal error.
      router.handlers.forEach((handler, index) => {
        router.handlers[index] = answerUndecodableRequests(handler);
      });
    },
  }) as DualHandler;
  const publicPaths = [Health.typeName, ...(reflection ? reflectionNames : [])].map((name) => `/${name}/`);
  const addressLimitedPaths = [...addressLimitedServices].map((name) => `/${name}/`);
  return gateRequests(adapter, {
    maxBytes: options.requestMaxBytes,
    maxJsonDepth: options.requestMaxJsonDepth,
    isPublic: (path) => publicPaths.some((prefix) => path.startsWith(prefix)),
    isAddressLimited: (path) => addressLimitedPaths.some((prefix) => path.startsWith(prefix)),
    authenticate: bearerCheck(options.tokens, options.apiKeys),
    ...(options.apiKeys ? { checkCostsRead: keyLookupCheck(options.apiKeys) } : {}),
    ...(options.limitRate ? { limitRate: options.limitRate } : {}),
    trustedProxyHops: options.trustedProxyHops ?? 0,
  });
}

/** Whether a header carries an API key that the verifier would have to read from the database. */
function keyLookupCheck(apiKeys: ApiKeyVerifier) {
  return (header: string | undefined): boolean => {
    const credential = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    return credential?.startsWith(apiKeyPrefix) === true && apiKeys.wouldLookUp(credential);
  };
}

/**
 * The auth interceptor's token check ({@link principalOfBearer}), run on the headers alone. Its
 * refusals are answered as they are: UNAUTHENTICATED, or UNAVAILABLE when API keys cannot be read.
 */
function bearerCheck(tokens: TokenIssuer, apiKeys: ApiKeyVerifier | undefined) {
  return (header: string | undefined): Promise<Principal | ConnectError> =>
    principalOfBearer(tokens, header, apiKeys).then(
      (principal) => principal,
      (error: unknown) => {
        if (error instanceof ConnectError && (error.code === Code.Unauthenticated || error.code === Code.Unavailable))
          return error;
        throw error;
      },
    );
}
