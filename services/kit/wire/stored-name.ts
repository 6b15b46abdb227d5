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
