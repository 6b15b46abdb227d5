import { campaignsService } from "./campaigns/index.js";
import { fleetService } from "./fleet/index.js";
import { inventoryService } from "./inventory/index.js";
import type { ServiceDefinition } from "./kit/app/index.js";
import type { ServiceName } from "./kit/config/index.js";
import { notificationsService } from "./notifications/index.js";
import { ordersService } from "./orders/index.js";

/** Every service Waybill can run, by name (the value of `--service`). */
export const serviceDefinitions: Readonly<Record<ServiceName, ServiceDefinition>> = {
  inventory: inventoryService,
  orders: ordersService,
  fleet: fleetService,
  campaigns: campaignsService,
  notifications: notificationsService,
};
