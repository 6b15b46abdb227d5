import { ConnectError } from "@connectrpc/connect";

/**
 * Makes a message safe for the `grpc-message` trailer: grpc-js decodes `:` `/` `,` `?` differently
 * from Connect, so they are replaced by spaces and the result is folded to one line.
 */
export function safeMessage(message: string): string {
  return message
    .replace(/[:/,?]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A copy of a ConnectError with another message, keeping its code and details. The metadata is
 * left behind: on an error from a peer service it holds that call's response headers
 * (`connection`, `content-length`, ...), which would break our own answer (HTTP/2 forbids them).
 */
export function withMessage(error: ConnectError, message: string): ConnectError {
  const copy = new ConnectError(message, error.code, undefined, undefined, error.cause);
  copy.details.push(...error.details);
  return copy;
}
