/** Translating between stored values and contract messages, shared by every service's handlers. */
export { storedName } from "./stored-name.js";
export { optionalDate, optionalTimestamp } from "./timestamps.js";
