/**
 * What test/deploy/kubernetes.test.ts reads of rendered Kubernetes manifests: the resource shape
 * and a network policy evaluator (which connections the policies of a namespace allow, as
 * Kubernetes decides it), plus the pods of the NATS chart's release that the policies name.
 */

/** A pod's or a selector's labels. */
export type Labels = Readonly<Record<string, string>>;
/** One rendered manifest, as the checks read it. */
export interface Resource {
  readonly kind: string;
  readonly apiVersion: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Labels };
  readonly data?: Readonly<Record<string, string>>;
  // biome-ignore lint/suspicious/noExplicitAny: a rendered manifest is read field by field below.
  readonly spec?: any;
}

/** Whether a label selector (matchLabels) selects a pod with `labels`. */
export const selects = (selector: Labels | undefined, labels: Labels) =>
  selector !== undefined &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([key, value]) => labels[key] === value);

/** A pod as a network policy sees it: its namespace and its labels. */
export interface Pod {
  readonly namespace: string;
  readonly labels: Labels;
}
/** A port as a network policy names it: by number, or by the container port's name. */
export interface Port {
  readonly number: number;
  readonly name?: string;
}
/** One peer of a network policy rule (`from`/`to`). */
export interface PolicyPeer {
  readonly podSelector?: { readonly matchLabels?: Labels; readonly matchExpressions?: unknown[] };
  readonly namespaceSelector?: { readonly matchLabels?: Labels; readonly matchExpressions?: unknown[] };
  readonly ipBlock?: unknown;
}
/** One ingress or egress rule of a network policy. */
export interface PolicyRule {
  readonly from?: readonly PolicyPeer[];
  readonly to?: readonly PolicyPeer[];
  readonly ports?: readonly { readonly port?: number | string; readonly endPort?: number }[];
}

/** A label selector as Kubernetes reads it in a network policy: `{}` selects everything. */
export function selectorMatches(selector: PolicyPeer["podSelector"], labels: Labels): boolean {
  // matchExpressions are not modelled: a selector using them fails the checks rather than passing.
  if (selector?.matchExpressions?.length) return false;
  return Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}

/**
 * Whether a policy peer (in a policy of namespace `policyNamespace`) is `pod`. A podSelector alone
 * means pods of the policy's own namespace; with a namespaceSelector, pods of the namespaces it
 * selects (by the label kubernetes.io/metadata.name Kubernetes sets on every namespace).
 */
export function peerIs(peer: PolicyPeer, policyNamespace: string, pod: Pod): boolean {
  if (peer.ipBlock !== undefined || (peer.podSelector === undefined && peer.namespaceSelector === undefined)) {
    return false;
  }
  const namespace =
    peer.namespaceSelector === undefined
      ? pod.namespace === policyNamespace
      : selectorMatches(peer.namespaceSelector, { "kubernetes.io/metadata.name": pod.namespace });
  return namespace && selectorMatches(peer.podSelector ?? {}, pod.labels);
}

/** Whether a rule's ports (none: every port) include `port`. */
export const portAllowed = (ports: PolicyRule["ports"], port: Port) =>
  ports === undefined ||
  ports.length === 0 ||
  ports.some(
    (p) =>
      p.port === undefined ||
      p.port === port.name ||
      (typeof p.port === "number" && port.number >= p.port && port.number <= (p.endPort ?? p.port)),
  );

/**
 * Whether the network policies let `from` open a connection to `to` on `port`, in `direction`:
 * "Ingress" checks `to`'s policies (which must exist: a pod no Ingress policy selects is not
 * isolated, which these manifests never intend), "Egress" checks `from`'s.
 */
export function policiesAllow(
  policies: readonly Resource[],
  direction: "Ingress" | "Egress",
  from: Pod,
  to: Pod,
  port: Port,
): boolean {
  const subject = direction === "Ingress" ? to : from;
  const other = direction === "Ingress" ? from : to;
  const applying = policies.filter(
    (p) =>
      p.metadata.namespace === subject.namespace &&
      (p.spec.policyTypes as string[]).includes(direction) &&
      selectorMatches(p.spec.podSelector, subject.labels),
  );
  return applying.some((policy) =>
    ((direction === "Ingress" ? policy.spec.ingress : policy.spec.egress) ?? []).some((rule: PolicyRule) => {
      const peers = direction === "Ingress" ? rule.from : rule.to;
      return (
        portAllowed(rule.ports, port) &&
        (peers === undefined || peers.length === 0 || peers.some((peer) => peerIs(peer, subject.namespace, other)))
      );
    }),
  );
}

/** The labels the NATS chart (nats-io/k8s, chart 2.x) puts on a release's pods, by component. */
export function natsChartLabels(release: string, component: "nats" | "nats-box"): Labels {
  return {
    "app.kubernetes.io/name": "nats",
    "app.kubernetes.io/instance": release,
    "app.kubernetes.io/component": component,
  };
}
