import type { DescMessage } from "@bufbuild/protobuf";
import type { EventInput } from "../../kit/events/index.js";

/** An event of the orders domain, as it goes to the kit's outbox. */
export type OrderEvent = EventInput<DescMessage>;
