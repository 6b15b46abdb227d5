import { isSpanContextValid, trace } from "@opentelemetry/api";
import { extractTraceContext } from "../../kit/telemetry/index.js";
import type { OrderRow } from "../storage/index.js";

/**
 * Links the active span (the request or event that changes the order) to the trace of the
 * PlaceOrder request that recorded it, so an SRE following the order finds the kitchen's,
 * courier's or customer's later change, and whatever that change sets off, from its placement.
 * Nothing happens without an active span, a stored `traceparent`, or when the change already runs
 * in the placement's trace.
 */
export function linkToPlacement(order: Pick<OrderRow, "placed_traceparent">): void {
  const span = trace.getActiveSpan();
  if (!span || !order.placed_traceparent) return;
  const placed = trace.getSpanContext(extractTraceContext({ traceparent: order.placed_traceparent }));
  if (!placed || !isSpanContextValid(placed) || placed.traceId === span.spanContext().traceId) return;
  span.addLink({ context: placed, attributes: { "waybill.link": "order.placed" } });
}
