import { DomainError } from "../errors/index.js";

/**
 * The stored (database) name of a contract enum value, given the table from names to values;
 * undefined for a value the table lacks, such as `*_UNSPECIFIED`.
 *
 * @example
 * const kinds = { drone: CourierKind.DRONE, rider: CourierKind.RIDER } as const;
 * storedName(kinds, CourierKind.RIDER); // "rider"
 */
export function storedName<N extends string, E extends number>(table: Readonly<Record<N, E>>, value: E): N | undefined {
  return (Object.keys(table) as N[]).find((name) => table[name] === value);
}

/**
 * The stored name of an enum value a request must set. The contract's validation refuses unset
 * and unknown values first; this narrows the type and, should one get through, answers
 * INVALID_ARGUMENT naming the field instead of storing nonsense.
 *
 * @example
 * requiredStoredName(kinds, request.kind, "kind"); // "rider"
 */
export function requiredStoredName<N extends string, E extends number>(
  table: Readonly<Record<N, E>>,
  value: E,
  field: string,
): N {
  const name = storedName(table, value);
  if (name === undefined) throw new DomainError("invalid_argument", `${field} ${value} is not an accepted value`);
  return name;
}
