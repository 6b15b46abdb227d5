export { createOrdersConsumer } from "./orders-consumer.js";
