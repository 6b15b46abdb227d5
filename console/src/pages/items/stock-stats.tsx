import type { StockLevel } from "@waybill/sdk/inventory";

/** On hand, reserved and available of one level, as three large numbers. */
export function StockStats({ level }: { readonly level: StockLevel | undefined }) {
  const stats = [
    ["on-hand", "On hand", level?.onHand],
    ["reserved", "Reserved", level?.reserved],
    ["available", "Available", level?.available],
  ] as const;
  return (
    <div className="row">
      {stats.map(([key, label, value]) => (
        <div className="stat" key={key} data-stat={key}>
          <span className="stat-value">{String(value ?? 0n)}</span>
          <span className="stat-label">{label}</span>
        </div>
      ))}
    </div>
  );
}
