import { shortEventType, webhookEventTypes } from "./event-types.js";

/**
 * The events a new webhook receives: a checkbox per event type, grouped by service; none checked
 * means every event of the brand (the contract's empty `event_types`).
 */
export function EventTypePicker({
  chosen,
  error,
  onChange,
}: {
  readonly chosen: readonly string[];
  readonly error?: string | undefined;
  readonly onChange: (chosen: readonly string[]) => void;
}) {
  const toggle = (type: string, on: boolean) =>
    onChange(on ? [...chosen, type] : chosen.filter((existing) => existing !== type));
  return (
    <fieldset className={["event-types", error ? "field-invalid" : ""].filter(Boolean).join(" ")}>
      <legend>Events</legend>
      <p className="field-hint">{chosen.length === 0 ? "Every event of the brand" : `${chosen.length} chosen`}</p>
      <div className="event-type-groups">
        {webhookEventTypes.map((group) => (
          <div key={group.service} className="event-type-group">
            <strong>{group.service}</strong>
            {group.types.map((type) => (
              <label key={type} className="event-type">
                <input
                  type="checkbox"
                  name="eventTypes"
                  value={type}
                  checked={chosen.includes(type)}
                  onChange={(e) => toggle(type, e.target.checked)}
                />
                {shortEventType(type)}
              </label>
            ))}
          </div>
        ))}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
