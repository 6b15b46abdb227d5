/** Notifications' background loops: the senders of each channel. */
export { createSender } from "./sender.js";
