import { Code, ConnectError } from "@connectrpc/connect";
import { RetryInfoSchema } from "@waybill/contracts/google/rpc/retry_info_pb.js";

/**
 * The wait a rate-limit refusal asks for, in milliseconds, or `undefined` for any other error.
 *
 * @example
 * catch (error) { const ms = retryDelayMs(error); if (ms !== undefined) setTimeout(retry, ms); }
 */
export function retryDelayMs(error: unknown): number | undefined {
  if (!(error instanceof ConnectError) || error.code !== Code.ResourceExhausted) return undefined;
  const [info] = error.findDetails(RetryInfoSchema);
  if (!info?.retryDelay) return undefined;
  return Number(info.retryDelay.seconds) * 1000 + Math.ceil(info.retryDelay.nanos / 1_000_000);
}
