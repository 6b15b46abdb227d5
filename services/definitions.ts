import { campaignsService } from "./campaigns/index.js";
import { fleetService } from "./fleet/index.js";
import { inventoryService } from "./inventory/index.js";
import type { ServiceDefinition } from "./kit/app/index.js";
import { notificationsService } from "./notifications/index.js";
import { ordersService } from "./orders/index.js";

/**
 * Every service Waybill can run, in start order. Their names are the values of `--service`, their
 * schemas, event domains and `<NAME>_URL`s; the kit learns them from here and nowhere else.
 */
export const serviceDefinitions: readonly ServiceDefinition[] = [
  inventoryService,
  ordersService,
  fleetService,
  campaignsService,
  notificationsService,
];
