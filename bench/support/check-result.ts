/** The outcome of one correctness check after a run. */
export interface CheckResult {
  /** Short kebab-case name, e.g. `stock-matches-ledger`. */
  readonly name: string;
  /** What must hold, in a sentence. */
  readonly rule: string;
  /** `skip`: the rule needs the asynchronous side caught up, it was not, and the rule did not hold. */
  readonly status: "pass" | "fail" | "skip";
  /** What was looked at (counts), and on a failure how many broke the rule and the first few. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** Offending rows shown per failed check. */
export const examplesShown = 5;

/**
 * A check that passes when `offending` is empty, with the counts in `looked` and, on a failure,
 * how many offended and the first {@link examplesShown} of them.
 */
export function checkOf(
  name: string,
  rule: string,
  offending: readonly unknown[],
  looked: Readonly<Record<string, unknown>> = {},
): CheckResult {
  if (offending.length === 0) return { name, rule, status: "pass", details: looked };
  return {
    name,
    rule,
    status: "fail",
    details: { ...looked, offending: offending.length, examples: offending.slice(0, examplesShown) },
  };
}

/**
 * A check made before the asynchronous side caught up: a failure cannot be judged yet, so it is
 * reported as skipped, with what was found.
 */
export function notJudged(check: CheckResult): CheckResult {
  if (check.status !== "fail") return check;
  return { ...check, status: "skip", details: { ...check.details, reason: "not drained" } };
}

/** Whether every check passed (skipped ones do not fail). */
export function allPassed(checks: readonly CheckResult[]): boolean {
  return checks.every((check) => check.status !== "fail");
}
