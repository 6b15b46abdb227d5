import { FleetService } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import type { ServiceDefinition } from "../kit/app/index.js";

/**
 * Fleet: the contract is served (auth, validation and health included); its RPCs answer
 * `Unimplemented` until the service is built.
 */
export const fleetService: ServiceDefinition = {
  name: "fleet",
  descriptor: FleetService,
  migrations: {},
  create() {
    return { implementation: {}, workers: [] };
  },
};
