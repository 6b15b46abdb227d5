import { CampaignService } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { file_waybill_campaigns_v1_events } from "@waybill/contracts/waybill/campaigns/v1/events_pb.js";
import { file_waybill_fleet_v1_events } from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import { FleetService } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { file_waybill_inventory_v1_events } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import { InventoryService } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { file_waybill_notifications_v1_events } from "@waybill/contracts/waybill/notifications/v1/events_pb.js";
import { NotificationService } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { file_waybill_orders_v1_events } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import { OrderService } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { campaignsMigrations } from "./campaigns/migrations/index.js";
import { campaignsSettings } from "./campaigns/settings.js";
import { fleetMigrations } from "./fleet/migrations/index.js";
import { fleetSettings } from "./fleet/settings.js";
import { inventoryMigrations } from "./inventory/migrations/index.js";
import { inventorySettings } from "./inventory/settings.js";
import type { ServiceDefinition } from "./kit/app/index.js";
import { lazyService } from "./kit/app/lazy-service.js";
import { notificationsMigrations } from "./notifications/migrations/index.js";
import { notificationsSettings } from "./notifications/settings.js";
import { ordersMigrations } from "./orders/migrations/index.js";
import { ordersSettings } from "./orders/settings.js";

/**
 * Every service Waybill can run, in start order. Their names are the values of `--service`, their
 * schemas, event domains and `<NAME>_URL`s; the kit learns them from here and nowhere else.
 * Only each service's head is imported here: its code (`<service>/index.ts` and what it imports)
 * is loaded when a process runs it, so `--service orders` evaluates Orders' modules alone.
 */
export const serviceDefinitions: readonly ServiceDefinition[] = [
  lazyService(
    {
      name: "inventory",
      descriptor: InventoryService,
      events: file_waybill_inventory_v1_events,
      migrations: inventoryMigrations,
      settings: inventorySettings,
    },
    async () => (await import("./inventory/index.js")).inventoryService,
  ),
  lazyService(
    {
      name: "orders",
      descriptor: OrderService,
      events: file_waybill_orders_v1_events,
      migrations: ordersMigrations,
      settings: ordersSettings,
    },
    async () => (await import("./orders/index.js")).ordersService,
  ),
  lazyService(
    {
      name: "fleet",
      descriptor: FleetService,
      events: file_waybill_fleet_v1_events,
      migrations: fleetMigrations,
      settings: fleetSettings,
    },
    async () => (await import("./fleet/index.js")).fleetService,
  ),
  lazyService(
    {
      name: "campaigns",
      descriptor: CampaignService,
      events: file_waybill_campaigns_v1_events,
      migrations: campaignsMigrations,
      settings: campaignsSettings,
    },
    async () => (await import("./campaigns/index.js")).campaignsService,
  ),
  lazyService(
    {
      name: "notifications",
      descriptor: NotificationService,
      events: file_waybill_notifications_v1_events,
      migrations: notificationsMigrations,
      settings: notificationsSettings,
    },
    async () => (await import("./notifications/index.js")).notificationsService,
  ),
];
