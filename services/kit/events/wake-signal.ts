/** Lets a polling loop sleep until woken or until a timeout, without losing a wake-up that
 * arrives while the loop is busy. */
export interface WakeSignal {
  /** Resolves at the next `wake()` (immediately if one happened since the last wait) or after `ms`. */
  wait(ms: number): Promise<void>;
  wake(): void;
}

/**
 * Creates a {@link WakeSignal}.
 *
 * @example
 * const signal = createWakeSignal();
 * listener.on("notification", () => signal.wake());
 * while (running) { await work(); await signal.wait(1000); }
 */
export function createWakeSignal(): WakeSignal {
  let pending = false;
  let resolve: (() => void) | undefined;
  return {
    wait(ms) {
      if (pending) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise<void>((done) => {
        const timer = setTimeout(finish, ms);
        function finish(): void {
          clearTimeout(timer);
          resolve = undefined;
          pending = false;
          done();
        }
        resolve = finish;
      });
    },
    wake() {
      if (resolve === undefined) pending = true;
      else resolve();
    },
  };
}
