/** Translating between stored values and contract messages, shared by every service's handlers. */
export { requiredStoredName, storedName } from "./stored-name.js";
export { optionalDate, optionalTimestamp } from "./timestamps.js";
