/**
 * The SDK's version, as in sdk/package.json. A constant rather than a JSON import so that every
 * bundler and browser gets it without a JSON loader; test/sdk-helpers-user-agent.test.ts fails when
 * it and package.json disagree (bump both together).
 */
export const sdkVersion = "1.0.0";
