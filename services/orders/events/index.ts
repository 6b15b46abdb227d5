export { createFleetConsumer, type FleetConsumerDeps } from "./fleet-consumer.js";
