import type { FieldMap } from "../../forms/field-errors.js";

/**
 * The contact form's fields by the request paths they edit. The brand is not one of the form's
 * inputs (the page's brand picker chooses it): its violations go to a banner of their own.
 */
export const contactFields: FieldMap = { brand_id: "brand", email: "email", name: "name" };
