/**
 * Whether a courier's version from WatchFleet is newer than every version the page knows of (the
 * one last streamed, the one its GetCourier shows): then the courier changed since the page read
 * it (a new assignment changes its load, a report or a flight its state), and what the page shows
 * must be read again. With no version known yet nothing can be trusted, so it is newer.
 */
export function isNewerCourier(version: bigint, ...known: readonly (bigint | undefined)[]): boolean {
  return known.every((seen) => seen === undefined || version > seen);
}
