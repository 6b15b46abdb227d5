export { createFleetFeed } from "./fleet-feed.js";
export { createOrdersConsumer, zoneLanes } from "./orders-consumer.js";
