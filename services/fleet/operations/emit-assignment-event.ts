import { create, type DescMessage, type MessageInitShape } from "@bufbuild/protobuf";
import type { Kysely } from "kysely";
import type { AssignmentRow, FleetDatabase } from "../storage/index.js";
import type { FleetContext } from "./fleet-context.js";

/** Writes an assignment event (tenant: the order's brand) to the outbox in `trx`. */
export async function emitAssignmentEvent<Desc extends DescMessage>(
  trx: Kysely<FleetDatabase>,
  ctx: FleetContext,
  row: AssignmentRow,
  schema: Desc,
  payload: MessageInitShape<Desc>,
): Promise<void> {
  await ctx.outbox.append(trx, {
    schema,
    payload: create(schema, payload),
    aggregateId: row.order_id,
    tenant: row.brand_id,
  });
}
