/**
 * The Waybill service a protobuf service belongs to, for the `service` field of RPC log lines:
 * `waybill.orders.v1.OrderService` → `orders` (the name `SERVICES` and `--service` use, and
 * that every service's own lines carry); `grpc.health.v1.Health` → `health`; anything else keeps
 * its full type name.
 */
export function serviceOfTypeName(typeName: string): string {
  const waybill = /^waybill\.([a-z0-9_]+)\.v\d+\./.exec(typeName);
  if (waybill?.[1]) return waybill[1];
  if (typeName.startsWith("grpc.health.")) return "health";
  return typeName;
}
