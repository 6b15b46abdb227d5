import type { StreamResponse, UnaryResponse } from "@connectrpc/connect";

/** Hooks called by {@link settleResponse} when an RPC ends. */
export interface SettleHooks {
  /** Turns an error thrown by the call into the error the caller sees (default: unchanged). */
  readonly mapError?: (error: unknown) => unknown;
  /** Called once when the call ends, with the (mapped) error if it failed. */
  readonly onSettle?: (error: unknown) => void;
}

/**
 * Awaits an RPC and reports its end. For a server stream the end is when its last message has
 * been sent (or the stream failed), not when the handler returned the iterable, so streaming
 * RPCs get the same error mapping, spans and log lines as unary ones.
 */
export async function settleResponse(
  call: () => Promise<UnaryResponse | StreamResponse>,
  hooks: SettleHooks,
): Promise<UnaryResponse | StreamResponse> {
  const mapError = hooks.mapError ?? ((error: unknown) => error);
  const onSettle = hooks.onSettle ?? (() => undefined);
  let response: UnaryResponse | StreamResponse;
  try {
    response = await call();
  } catch (error) {
    const mapped = mapError(error);
    onSettle(mapped);
    throw mapped;
  }
  if (!response.stream) {
    onSettle(undefined);
    return response;
  }
  const source = response.message;
  async function* observed() {
    let failure: unknown;
    try {
      yield* source;
    } catch (error) {
      failure = mapError(error);
      throw failure;
    } finally {
      onSettle(failure);
    }
  }
  return { ...response, message: observed() };
}
