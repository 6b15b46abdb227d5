import { Button, Field } from "../../../ui/index.js";
import { type DraftLine, emptyLine, lineField } from "./order-draft.js";

/**
 * The lines of the order form: SKU and quantity per line, add and remove (one line at least).
 * A line's error comes from the contract's rules, the server's violations, or a stock shortage
 * (what is available of its SKU), shown under its quantity.
 */
export function OrderLinesFields({
  lines,
  errors,
  shortages,
  onChange,
}: {
  readonly lines: readonly DraftLine[];
  readonly errors: Readonly<Record<string, string>>;
  readonly shortages: Readonly<Record<number, string>>;
  readonly onChange: (lines: readonly DraftLine[]) => void;
}) {
  const change = (index: number, part: Partial<DraftLine>) =>
    onChange(lines.map((line, at) => (at === index ? { ...line, ...part } : line)));
  return (
    <fieldset className="order-form-lines">
      <legend>Lines</legend>
      {errors.lines && (
        <p className="field-error" role="alert">
          {errors.lines}
        </p>
      )}
      {lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id of their own; their place is their identity
        <div className="order-form-line" key={index} data-line={index} data-sku={line.sku.trim()}>
          <Field
            label={`SKU of line ${index + 1}`}
            name={lineField(index, "sku")}
            value={line.sku}
            placeholder="SKU"
            error={errors[lineField(index, "sku")]}
            onChange={(event) => change(index, { sku: event.target.value })}
          />
          <Field
            label={`Quantity of line ${index + 1}`}
            name={lineField(index, "quantity")}
            value={line.quantity}
            inputMode="numeric"
            error={errors[lineField(index, "quantity")] ?? shortages[index]}
            onChange={(event) => change(index, { quantity: event.target.value })}
          />
          <Button
            variant="ghost"
            aria-label={`Remove line ${index + 1}`}
            disabled={lines.length <= 1}
            onClick={() => onChange(lines.filter((_, at) => at !== index))}
          >
            Remove
          </Button>
        </div>
      ))}
      <div>
        <Button onClick={() => onChange([...lines, emptyLine])}>Add a line</Button>
      </div>
    </fieldset>
  );
}
