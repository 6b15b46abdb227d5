/** Deadlines of RPCs: honour the caller's timeout before each committing step, forward it, sweep what was abandoned. */
export { callerDeadline, type Deadline, type DeadlineCallOptions, deadlineOf } from "./caller-deadline.js";
export { deadlineCutoff } from "./deadline-clock.js";
