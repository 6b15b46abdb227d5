/** The verdict on one invariant, with the numbers behind it and, when it failed, the evidence. */
export interface CheckResult {
  readonly name: string;
  readonly passed: boolean;
  /** What was counted, e.g. "812 orders, 0 without their lines". */
  readonly numbers: string;
  /** Keys, order ids, event ids and rows that break the invariant (at most a dozen, then a count). */
  readonly evidence: readonly string[];
}

/** Evidence lines kept per check; the rest are counted. */
const evidenceLimit = 12;

/**
 * A check's verdict: passed when there is no evidence against it; evidence beyond a dozen lines
 * is summed up as "… and N more".
 */
export function verdict(name: string, numbers: string, evidence: readonly string[]): CheckResult {
  const shown =
    evidence.length > evidenceLimit
      ? [...evidence.slice(0, evidenceLimit), `... and ${evidence.length - evidenceLimit} more`]
      : evidence;
  return { name, passed: evidence.length === 0, numbers, evidence: shown };
}

/** A check that could not run (its query failed): failed, with the reason as evidence. */
export function brokenCheck(name: string, error: unknown): CheckResult {
  return {
    name,
    passed: false,
    numbers: "could not check",
    evidence: [String(error instanceof Error ? error.message : error)],
  };
}
