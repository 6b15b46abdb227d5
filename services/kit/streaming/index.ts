/**
 * Server-streaming helpers: the bounded buffer of one watcher and the filter that keeps each
 * watched key moving forward between a snapshot and a live feed.
 */

export { createSequenceGate, type SequenceGate } from "./sequence-gate.js";
export { createWatchQueue, type WatchQueue } from "./watch-queue.js";
