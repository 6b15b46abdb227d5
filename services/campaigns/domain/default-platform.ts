/**
 * The platform a single `PLATFORM_URL` without a name points at, and the name the in-process
 * platform simulator serves as when `PLATFORM_URL` is unset.
 */
export const defaultPlatform = "megaphone";
