import { InvalidArgumentError } from "commander";
import { type ClusterService, clusterServices, defaultReplicas } from "./cluster-layout.js";

/** The options of `npm run cluster`. */
export interface ClusterCommandOptions {
  readonly replicas: Readonly<Record<ClusterService, number>>;
  readonly natsNodes: number;
  /** First NATS client port; 0: spare ports. */
  readonly natsPort: number;
  /** First Waybill port; 0: spare ports. */
  readonly port: number;
  /** Database name on the server of `DATABASE_URL`. */
  readonly database: string;
  /** Keep the database when the cluster stops. */
  readonly keep: boolean;
  readonly prefix: string;
  /** Folder of the logs (default: a new temporary one). */
  readonly logDir?: string;
  readonly logLevel: string;
}

/** What `npm run cluster` starts without options. */
export const clusterDefaults: ClusterCommandOptions = {
  replicas: defaultReplicas,
  natsNodes: 3,
  natsPort: 14_222,
  port: 8081,
  database: "waybill_cluster",
  keep: false,
  prefix: "cluster",
  logLevel: "info",
};

/**
 * `orders=3,inventory=2` over the defaults; every service keeps at least one replica.
 *
 * @example
 * parseReplicaCounts("orders=3"); // { inventory: 2, orders: 3, fleet: 1, campaigns: 1, notifications: 1 }
 */
export function parseReplicaCounts(text: string): Record<ClusterService, number> {
  const counts = { ...defaultReplicas };
  for (const pair of text.split(",").map((item) => item.trim())) {
    if (!pair) continue;
    const [name, count] = pair.split("=");
    const service = clusterServices.find((candidate) => candidate === name?.trim());
    const value = Number(count);
    if (!service) throw new InvalidArgumentError(`"${name}" is not one of ${clusterServices.join(", ")}`);
    if (!Number.isInteger(value) || value < 1 || value > 9)
      throw new InvalidArgumentError(`${service}=${count ?? ""}: a count from 1 to 9`);
    counts[service] = value;
  }
  return counts;
}

/** A parser of whole numbers from `least` to `most`. */
export const wholeNumber = (least: number, most: number) => (text: string) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < least || value > most)
    throw new InvalidArgumentError(`must be a whole number from ${least} to ${most}`);
  return value;
};

/** A parser of names PostgreSQL and the event prefix both take (lower-case letters, digits, `_`). */
export const plainName = (text: string) => {
  if (!/^[a-z][a-z0-9_]{0,30}$/.test(text))
    throw new InvalidArgumentError("must be lower-case letters, digits and underscores, starting with a letter");
  return text;
};
