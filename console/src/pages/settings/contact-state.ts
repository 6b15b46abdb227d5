import { Code, ConnectError } from "@connectrpc/connect";

/**
 * Whether GetBrandContact's failure only says that no contact is set yet (NOT_FOUND): the page
 * then shows an empty form rather than an error.
 */
export function isNoContactYet(error: unknown): boolean {
  return error instanceof ConnectError && error.code === Code.NotFound;
}
