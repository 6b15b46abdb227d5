/** Lines of a crash report worth quoting: the error, its message and its SQLSTATE or errno. */
const telling = /Unhandled|uncaught|Error|error:|FATAL|fatal|code: '|terminating|ECONN/;

/**
 * The few lines of a process's output that say why it ended: from the last 80 lines, those that
 * name an error, its message or its code, and pino lines at error level or above (their message and
 * error), joined on one line (the last line of output otherwise).
 *
 * @example
 * crashSummary(output); // "Unhandled 'error' event | error: terminating connection due to administrator command | code: '57P01'"
 */
export function crashSummary(output: string): string {
  const lines = output
    .split("\n")
    .slice(-80)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("at "));
  const picked = lines.flatMap((line) => {
    if (line.startsWith("{")) {
      const logged = severeLogLine(line);
      return logged ? [logged] : [];
    }
    return telling.test(line) ? [line] : [];
  });
  const chosen = picked.length > 0 ? picked.slice(-6) : lines.slice(-1);
  return [...new Set(chosen)].map((line) => (line.length > 160 ? `${line.slice(0, 157)}...` : line)).join(" | ");
}

/** "message: error message" of a pino line at level error (50) or fatal (60); undefined otherwise. */
function severeLogLine(line: string): string | undefined {
  try {
    const parsed = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string; code?: string } };
    if ((parsed.level ?? 0) < 50) return undefined;
    const cause = parsed.err ? `: ${parsed.err.message ?? ""}${parsed.err.code ? ` (${parsed.err.code})` : ""}` : "";
    return `${parsed.msg ?? ""}${cause}`;
  } catch {
    return undefined;
  }
}
