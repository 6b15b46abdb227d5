/**
 * A signal aborted by the first Ctrl-C (SIGINT) or SIGTERM, after calling `onStop`: the run starts
 * nothing new and lets what is in flight finish. Another one later quits at once (exit 130). One
 * Ctrl-C can arrive several times within milliseconds (from the terminal, and relayed by npm and
 * tsx), so repeats within a second count as the same one.
 */
export function stopOnSignals(onStop: () => void): AbortSignal {
  const stop = new AbortController();
  let stoppedAt = 0;
  const interrupt = () => {
    if (stop.signal.aborted) {
      if (performance.now() - stoppedAt > 1000) process.exit(130);
      return;
    }
    stoppedAt = performance.now();
    onStop();
    stop.abort();
  };
  process.on("SIGINT", interrupt);
  process.on("SIGTERM", interrupt);
  return stop.signal;
}
