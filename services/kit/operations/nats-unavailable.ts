import { JetStreamApiError, JetStreamError } from "@nats-io/jetstream";
import { errors } from "@nats-io/transport-node";
import { DependencyUnavailableError } from "../database/index.js";

/** NATS client errors that mean "the server cannot answer now", not "the request is wrong". */
const unavailableErrors = [
  errors.ClosedConnectionError,
  errors.ConnectionError,
  errors.DrainingConnectionError,
  errors.NoRespondersError,
  errors.RequestError,
  errors.TimeoutError,
] as const;

/**
 * Whether `error` says NATS or JetStream cannot serve us for now: a closed, draining or lost
 * connection, a request without responders or answer in time, or JetStream itself unavailable
 * (API code 503, as during a leader election).
 */
export function isNatsUnavailable(error: unknown): boolean {
  if (unavailableErrors.some((kind) => error instanceof kind)) return true;
  if (error instanceof JetStreamApiError) return error.status === 503;
  // A JetStream client error that is no API answer: "JetStream not enabled" and its kin.
  return error instanceof JetStreamError && /not enabled|unavailable|timeout/i.test(error.message);
}

/**
 * Runs `work` (calls to NATS), turning an unavailable NATS into {@link DependencyUnavailableError},
 * which the error interceptor answers as UNAVAILABLE ("NATS is unavailable - retry shortly")
 * without saying where NATS lives. Any other error passes through as it is.
 *
 * @example
 * const letters = await whileNatsAnswers("127.0.0.1:4222", () => listDeadLetters({ jsm, prefix }));
 */
export async function whileNatsAnswers<T>(endpoint: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isNatsUnavailable(error)) throw new DependencyUnavailableError("NATS", endpoint, error);
    throw error;
  }
}
