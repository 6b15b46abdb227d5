import type { PageRequest } from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
import { cursorFields, type Page, readPage, sortCursor } from "../../kit/pagination/index.js";
import type { CourierKindName, CourierStateName } from "../domain/index.js";
import { type CourierRow, listCouriers } from "../storage/index.js";
import type { FleetContext } from "./fleet-context.js";

/** Which couriers to list; empty or undefined filters match every courier. */
export interface CourierFilter {
  readonly zone: string;
  readonly kind: CourierKindName | undefined;
  readonly states: readonly CourierStateName[];
}

/**
 * ListCouriers: one page of couriers ordered by zone, name and id. A page token is bound to the
 * filters it was made for; another list's token is INVALID_ARGUMENT.
 */
export async function listCouriersPage(
  ctx: FleetContext,
  filter: CourierFilter,
  page: PageRequest | undefined,
): Promise<Page<CourierRow>> {
  const cursor = sortCursor(
    { zone: cursorFields.text, name: cursorFields.text, id: cursorFields.uuid },
    JSON.stringify(["couriers", filter.zone, filter.kind ?? "", filter.states]),
  );
  const after = cursor.decode(page?.pageToken);
  return readPage(
    page,
    (limit) =>
      listCouriers(ctx.db, {
        zone: filter.zone || undefined,
        kind: filter.kind,
        states: filter.states,
        after: after && { zone: after.zone, name: after.name, courierId: after.id },
        limit,
      }),
    (last) => cursor.encode({ zone: last.zone, name: last.name, id: last.courier_id }),
  );
}
