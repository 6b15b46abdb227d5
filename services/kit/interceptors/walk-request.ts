import type { DescMessage, Message } from "@bufbuild/protobuf";
import {
  buildPath,
  isReflectMessage,
  type PathBuilder,
  type ReflectMessage,
  reflect,
} from "@bufbuild/protobuf/reflect";

/** What {@link walkRequest} hands its visitor: a set value, where it is, and whether it is a map key. */
export interface Visited {
  /** A scalar or enum value, or a nested message (as a `ReflectMessage`). */
  readonly value: unknown;
  readonly path: PathBuilder;
  readonly forKey: boolean;
}

/**
 * Visits every set value of a message: fields, list items, map keys and values, and nested
 * messages at any depth (the message first, then its fields). The rules that hold for every
 * request whatever its contract says (see `createValidationInterceptor`) are written on it.
 */
export function walkRequest(schema: DescMessage, message: Message, visit: (visited: Visited) => void): void {
  walkMessage(reflect(schema, message), buildPath(schema), visit);
}

function walkMessage(message: ReflectMessage, path: PathBuilder, visit: (visited: Visited) => void): void {
  for (const field of message.fields) {
    if (!message.isSet(field)) continue;
    const at = path.clone().field(field);
    switch (field.fieldKind) {
      case "scalar":
      case "enum":
        visit({ value: message.get(field), path: at, forKey: false });
        break;
      case "message":
        walkValue(message.get(field), at, visit);
        break;
      case "list": {
        let index = 0;
        for (const item of message.get(field)) walkValue(item, at.clone().list(index++), visit);
        break;
      }
      case "map":
        for (const [key, value] of message.get(field)) {
          const entry = at.clone().map(key as string | number | bigint | boolean);
          visit({ value: key, path: entry, forKey: true });
          walkValue(value, entry, visit);
        }
        break;
      default:
        break;
    }
  }
}

function walkValue(value: unknown, path: PathBuilder, visit: (visited: Visited) => void): void {
  visit({ value, path, forKey: false });
  if (isReflectMessage(value)) walkMessage(value, path, visit);
}
