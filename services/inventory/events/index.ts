/** Inventory's durable consumers of other services' events, and its live stock feed. */
export { createFleetEventsConsumer } from "./fleet-events-consumer.js";
export { createOrderEventsConsumer } from "./order-events-consumer.js";
export { createStockFeed, type StockFeed } from "./stock-feed.js";
