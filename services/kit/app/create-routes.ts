import type { ConnectRouter, Interceptor } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { Health } from "@waybill/contracts/grpc/health/v1/health_pb.js";
import type { Logger } from "pino";
import type { TokenIssuer } from "../auth/index.js";
import {
  createAuthInterceptor,
  createErrorInterceptor,
  createLoggingInterceptor,
  createServerTracingInterceptor,
  createValidationInterceptor,
} from "../interceptors/index.js";
import type { DualHandler, HealthRegistry } from "../server/index.js";
import type { ServiceDefinition, ServiceInstance } from "./service-definition.js";

/**
 * The interceptor chain, outermost first: the span opens before anything else so every log line
 * and error carries its trace id; errors are mapped after auth and validation have spoken.
 */
export function serverInterceptors(logger: Logger, tokens: TokenIssuer): Interceptor[] {
  return [
    createServerTracingInterceptor(),
    createLoggingInterceptor(logger),
    createErrorInterceptor(logger),
    createAuthInterceptor(tokens),
    createValidationInterceptor(),
  ];
}

/** Builds the Connect handler serving the given services and health on every protocol. */
export function createRoutes(options: {
  readonly services: ReadonlyArray<{ readonly definition: ServiceDefinition; readonly instance: ServiceInstance }>;
  readonly health: HealthRegistry;
  readonly interceptors: Interceptor[];
}): DualHandler {
  return connectNodeAdapter({
    interceptors: options.interceptors,
    routes(router: ConnectRouter) {
      router.service(Health, options.health.implementation);
      for (const { definition, instance } of options.services)
        router.service(definition.descriptor, instance.implementation);
    },
  }) as DualHandler;
}
