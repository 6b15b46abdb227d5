import { timestampDate } from "@bufbuild/protobuf/wkt";
import { type OrderStatusChange, Role } from "@waybill/sdk/orders";
import { statusLabel } from "./order-status.js";

/** One entry of an order's timeline, in words. */
export interface TimelineEntry {
  readonly key: string;
  readonly status: string;
  readonly from: string | undefined;
  readonly actor: string;
  readonly time: string;
  readonly reason: string;
}

const roleWords: Readonly<Partial<Record<Role, string>>> = {
  [Role.ADMIN]: "operator",
  [Role.BRAND]: "brand",
  [Role.CUSTOMER]: "customer",
  [Role.COURIER]: "courier",
  [Role.PARTNER]: "partner",
  [Role.SERVICE]: "service",
};

/** Who made a change: `brand dev-brand-acme`, or the role alone when the subject is empty. */
export function actorText(change: Pick<OrderStatusChange, "actor" | "actorRole">): string {
  const role = roleWords[change.actorRole] ?? "system";
  return change.actor ? `${role} ${change.actor}` : role;
}

/** The status log (GetOrderHistory, oldest first) as timeline entries, times in `format`'s words. */
export function timelineOf(
  changes: readonly OrderStatusChange[],
  format: (date: Date) => string = (date) => date.toLocaleString(),
): readonly TimelineEntry[] {
  return [...changes]
    .sort((a, b) => a.sequence - b.sequence)
    .map((change) => ({
      key: String(change.sequence),
      status: statusLabel(change.toStatus),
      from: change.sequence === 1 || !change.fromStatus ? undefined : statusLabel(change.fromStatus),
      actor: actorText(change),
      time: change.changeTime ? format(timestampDate(change.changeTime)) : "—",
      reason: change.reason,
    }));
}
