import { useEffect, useState } from "react";

/**
 * The time to draw flights at: while something moves, the current time on each animation frame
 * (at most every `stepMs`), so a drone glides along from its flight's times without asking the
 * server; while nothing moves, simply the time of the render.
 */
export function useFlightClock(moving: boolean, stepMs = 100): number {
  // The state only makes the frame render again; the render reads the clock itself, so a drone
  // never jumps back to the time of an older frame.
  const [, setFrame] = useState(0);
  useEffect(() => {
    if (!moving) return;
    let frame = 0;
    let last = 0;
    const tick = (time: number) => {
      if (time - last >= stepMs) {
        last = time;
        setFrame(time);
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [moving, stepMs]);
  return Date.now();
}
