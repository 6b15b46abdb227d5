import { Field } from "../../../ui/index.js";
import type { DraftAddress } from "./order-draft.js";

const inputs: readonly (readonly [keyof DraftAddress, string, string, string?])[] = [
  ["recipientName", "recipient", "Recipient"],
  ["line1", "line1", "Street and number"],
  ["line2", "line2", "Address line 2", "Floor, apartment, company (optional)"],
  ["postalCode", "postal-code", "Postal code"],
  ["city", "city", "City"],
  ["countryCode", "country", "Country", "Two letters, e.g. DE"],
  ["phone", "phone", "Recipient's phone", "E.164, e.g. +4915112345678 (optional)"],
  ["instructions", "instructions", "Instructions for the courier", "Optional"],
];

/** The delivery address of the order form, each field marked by its own rule. */
export function AddressFields({
  address,
  errors,
  onChange,
}: {
  readonly address: DraftAddress;
  readonly errors: Readonly<Record<string, string>>;
  readonly onChange: (address: DraftAddress) => void;
}) {
  return (
    <fieldset className="order-form-address">
      <legend>Deliver to</legend>
      {inputs.map(([key, name, label, hint]) => (
        <Field
          key={key}
          label={label}
          name={name}
          value={address[key]}
          hint={hint}
          error={errors[name]}
          onChange={(event) => onChange({ ...address, [key]: event.target.value })}
        />
      ))}
    </fieldset>
  );
}
