import {
  type DescMessage,
  fromJson as fromProtoJson,
  type JsonValue,
  type MessageShape,
  type Registry,
  toJson as toProtoJson,
} from "@bufbuild/protobuf";

/** How {@link toJson} writes a message. */
export interface ToJsonOptions {
  /** Write fields at their default value too (0, "", false, empty lists), not only set ones. */
  readonly emitDefaults?: boolean;
  /** `brand_id` instead of `brandId`. */
  readonly protoFieldNames?: boolean;
  /** Types that `google.protobuf.Any` fields may hold (none in Waybill's messages today). */
  readonly registry?: Registry;
}

/**
 * A message as plain JSON, the protobuf JSON mapping: enums by name (`"ORDER_STATUS_PLACED"`),
 * 64-bit integers and money as decimal strings (no bigint: `JSON.stringify` accepts the result),
 * timestamps as RFC 3339 text, camelCase names. For logs and storage; {@link fromJson} reads it back.
 * (`JSON.stringify(message)` throws on bigint fields and writes enums as numbers.)
 *
 * @example
 * logger.info({ item: toJson(ItemSchema, item) }, "item created");
 */
export function toJson<Desc extends DescMessage>(
  schema: Desc,
  message: MessageShape<Desc>,
  options: ToJsonOptions = {},
): JsonValue {
  return toProtoJson(schema, message, {
    alwaysEmitImplicit: options.emitDefaults ?? false,
    useProtoFieldName: options.protoFieldNames ?? false,
    enumAsInteger: false,
    ...(options.registry ? { registry: options.registry } : {}),
  });
}

/**
 * {@link toJson} as text, indented by `space` when given.
 *
 * @example
 * await fs.writeFile("order.json", toJsonString(OrderSchema, order, { space: 2 }));
 */
export function toJsonString<Desc extends DescMessage>(
  schema: Desc,
  message: MessageShape<Desc>,
  options: ToJsonOptions & { readonly space?: number } = {},
): string {
  return JSON.stringify(toJson(schema, message, options), null, options.space);
}

/**
 * A message from JSON written by {@link toJson} (or any protobuf JSON). Fields it does not know —
 * written by a newer SDK — are skipped rather than refused, so stored records stay readable.
 *
 * @example
 * const order = fromJson(OrderSchema, JSON.parse(stored));
 */
export function fromJson<Desc extends DescMessage>(
  schema: Desc,
  json: JsonValue,
  options: { readonly registry?: Registry } = {},
): MessageShape<Desc> {
  return fromProtoJson(schema, json, {
    ignoreUnknownFields: true,
    ...(options.registry ? { registry: options.registry } : {}),
  });
}
