import { createRegistry, type DescFile, type Registry } from "@bufbuild/protobuf";

/**
 * Every event type of the given services (each definition's `events` file), for decoding
 * envelope payloads of any stream.
 *
 * @example
 * const registry = createEventRegistry(serviceDefinitions.map((definition) => definition.events));
 */
export function createEventRegistry(files: readonly DescFile[]): Registry {
  return createRegistry(...files);
}
