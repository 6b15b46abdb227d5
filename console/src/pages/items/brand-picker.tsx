import { Field } from "../../ui/index.js";

/** What {@link BrandPicker} needs of `useBrand()`. */
interface PickableBrand {
  readonly brandId: string;
  readonly canPick: boolean;
  pick(brandId: string): void;
}

/**
 * The operator's brand field of a list page (nothing for a brand or partner, whose brand is
 * their own): a change picks the brand (`?brand=`), then `onPicked` restarts the list.
 */
export function BrandPicker({
  brand,
  hint,
  error,
  onPicked,
}: {
  readonly brand: PickableBrand;
  readonly hint: string;
  readonly error?: string | undefined;
  readonly onPicked: () => void;
}) {
  if (!brand.canPick) return null;
  return (
    <Field
      label="Brand"
      name="brand"
      value={brand.brandId}
      error={error}
      hint={hint}
      onChange={(e) => {
        brand.pick(e.target.value.trim());
        onPicked();
      }}
    />
  );
}
