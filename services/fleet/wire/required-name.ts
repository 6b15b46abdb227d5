import { DomainError } from "../../kit/errors/index.js";
import { storedName } from "../../kit/wire/index.js";

/**
 * The stored name of an enum value a request must set. The contract's validation refuses unset
 * and unknown values first; this narrows the type and names the field should one get through.
 *
 * @example
 * requiredName(courierKinds, request.kind, "kind"); // "drone"
 */
export function requiredName<N extends string, E extends number>(
  table: Readonly<Record<N, E>>,
  value: E,
  field: string,
): N {
  const name = storedName(table, value);
  if (name === undefined) throw new DomainError("invalid_argument", `${field} ${value} is not a value Fleet accepts`);
  return name;
}
