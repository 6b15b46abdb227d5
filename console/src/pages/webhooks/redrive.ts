/** What a redrive asks for (RedriveWebhookDeliveriesRequest without its idempotency key). */
export interface RedriveScope {
  readonly brandId: string;
  readonly webhookId: string;
  readonly notificationIds: readonly string[];
}

/** A delivery as a redrive of it alone needs it. */
export interface RedriveTarget {
  readonly notificationId: string;
  readonly brandId: string;
  readonly webhookId: string;
}

/**
 * The redrive of dead deliveries: one delivery (with its own brand and webhook), or every dead one
 * of the brand, of one webhook when one is chosen. Undefined when there is no brand to name (an
 * operator who picked none), since the contract requires one.
 */
export function redriveScope(
  target: RedriveTarget | undefined,
  brandId: string,
  webhookId: string,
): RedriveScope | undefined {
  if (target) return { brandId: target.brandId, webhookId: target.webhookId, notificationIds: [target.notificationId] };
  return brandId ? { brandId, webhookId, notificationIds: [] } : undefined;
}

/** The outcome of a redrive in words. */
export function redriveSummary(redrivenCount: bigint): string {
  if (redrivenCount === 0n) return "No dead delivery to redrive.";
  const noun = redrivenCount === 1n ? "delivery" : "deliveries";
  return `${redrivenCount} ${noun} put back to pending: ${redrivenCount === 1n ? "it is" : "they are"} tried again.`;
}
