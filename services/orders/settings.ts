import { defineSettings } from "../kit/config/index.js";

/** Orders has no settings of its own: it reads only the process's (and Inventory's URL when apart). */
export const ordersSettings = defineSettings({}, () => ({}));

/** Orders' settings, as read (none). */
export type OrdersSettings = ReturnType<typeof ordersSettings.read>;
