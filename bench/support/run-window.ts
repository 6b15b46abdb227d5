import type { RunWindow } from "./after-run.js";

/** Notes when a run's orders are sent and answered, around its operation. */
export interface RunWindowRecorder {
  /** `operation` wrapped: notes its start and its answer; `index < 0` is a warm-up operation. */
  wrap(operation: (index: number) => Promise<void>): (index: number) => Promise<void>;
  /** The window seen so far; throws when nothing was answered yet. */
  window(): RunWindow;
}

/**
 * Starts a recorder for one run. Times are taken in the load generator at send and answer, on the
 * machine's clock that PostgreSQL's `now()` also reads (everything runs on one machine).
 */
export function recordRunWindow(): RunWindowRecorder {
  let firstSent: Date | undefined;
  let measuredFrom: Date | undefined;
  let lastAnswer: Date | undefined;
  let lastAnswerAt = 0;
  let placed = 0;
  return {
    wrap: (operation) => async (index) => {
      const now = new Date();
      firstSent ??= now;
      if (index >= 0) measuredFrom ??= now;
      try {
        await operation(index);
        placed++;
      } finally {
        lastAnswer = new Date();
        lastAnswerAt = performance.now();
      }
    },
    window() {
      if (!firstSent || !lastAnswer) throw new Error("no operation of the run was answered");
      return { firstSent, measuredFrom: measuredFrom ?? firstSent, lastAnswer, lastAnswerAt, placed };
    },
  };
}
