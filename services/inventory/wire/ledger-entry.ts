import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  type LedgerEntry,
  LedgerEntrySchema,
  LedgerReason,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { storedName } from "../../kit/wire/index.js";
import type { LedgerReasonName } from "../domain/index.js";
import type { LedgerRow } from "../storage/index.js";

/** Each stored ledger reason and its contract value. */
export const ledgerReasons: Readonly<Record<LedgerReasonName, LedgerReason>> = {
  restock: LedgerReason.RESTOCK,
  adjustment: LedgerReason.ADJUSTMENT,
  reserve: LedgerReason.RESERVE,
  release: LedgerReason.RELEASE,
  commit: LedgerReason.COMMIT,
  return: LedgerReason.RETURN,
};

/** The stored name of a ledger reason; `undefined` for `LEDGER_REASON_UNSPECIFIED`. */
export function ledgerReasonName(reason: LedgerReason): LedgerReasonName | undefined {
  return storedName(ledgerReasons, reason);
}

/** A ledger entry as stored as a `LedgerEntry` message. */
export function toLedgerEntry(row: LedgerRow): LedgerEntry {
  return create(LedgerEntrySchema, {
    sequence: BigInt(row.sequence),
    brandId: row.brand_id,
    sku: row.sku,
    deltaOnHand: BigInt(row.delta_on_hand),
    deltaReserved: BigInt(row.delta_reserved),
    reason: ledgerReasons[row.reason] ?? LedgerReason.UNSPECIFIED,
    reference: row.reference,
    actor: row.actor,
    idempotencyKey: row.idempotency_key,
    createTime: timestampFromDate(row.created_at),
  });
}
