// @vitest-environment happy-dom
import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { usePageTokens } from "./use-page-tokens.js";

describe("usePageTokens", () => {
  it("goes forward with the answer's token, back by popping, and restarts at the first page", () => {
    const { result } = renderHook(() => usePageTokens());
    expect(result.current).toMatchObject({ token: "", page: 1 });
    act(() => result.current.next("t2"));
    act(() => result.current.next(undefined));
    expect(result.current).toMatchObject({ token: "t2", page: 2 });
    act(() => result.current.next("t3"));
    act(() => result.current.previous());
    expect(result.current).toMatchObject({ token: "t2", page: 2 });
    act(() => result.current.restart());
    act(() => result.current.previous());
    expect(result.current).toMatchObject({ token: "", page: 1 });
  });
});
