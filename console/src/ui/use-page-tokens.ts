import { useState } from "react";

/** Token paging of a list: the current page's token, its number, and the moves. */
export interface PageTokens {
  readonly token: string;
  readonly page: number;
  next(token: string | undefined): void;
  previous(): void;
  restart(): void;
}

/**
 * Keeps the tokens of the pages before the current one: Next pushes the answer's token, Previous
 * pops (page tokens only go forward), and a changed filter starts again at the first page.
 */
export function usePageTokens(): PageTokens {
  const [tokens, setTokens] = useState<readonly string[]>([""]);
  return {
    token: tokens[tokens.length - 1] ?? "",
    page: tokens.length,
    next: (token) => {
      if (token) setTokens((current) => [...current, token]);
    },
    previous: () => setTokens((current) => (current.length > 1 ? current.slice(0, -1) : current)),
    restart: () => setTokens([""]),
  };
}
