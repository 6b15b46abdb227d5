/**
 * Server-streaming helpers: the flow of every Watch RPC (listen, snapshot, then newer changes
 * only), live changes from a shared event feed, a watcher's bounded queue and the per-key gate.
 */
export { type FollowFeedOptions, followFeed } from "./follow-feed.js";
export { createSequenceGate, type SequenceGate } from "./sequence-gate.js";
export { createWatchQueue, type WatchQueue } from "./watch-queue.js";
export { type LiveChanges, type WatchOptions, watchWithSnapshot } from "./watch-with-snapshot.js";
