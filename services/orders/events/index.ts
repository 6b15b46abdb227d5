export { createFleetConsumer } from "./fleet-consumer.js";
