/** A promise the test resolves from outside: a hook awaits `opened` until the test calls `open()`. */
export interface Gate {
  readonly opened: Promise<void>;
  open(): void;
}

/** Creates a closed {@link Gate}. */
export function createGate(): Gate {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}
