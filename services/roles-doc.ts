import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { createFileRegistry, type DescService, fromBinary } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { projectPath } from "./kit/app/project-root.js";
import { accessRequirement, type RoleName } from "./kit/auth/index.js";

/** Where the role matrix is kept; `npm run docs` writes it, a test keeps it fresh. */
export const rolesDocPath = "docs/roles.md";

/** The roles a caller can hold, in the order of the matrix's columns. */
const columns: readonly RoleName[] = ["admin", "brand", "partner", "customer", "courier", "service"];

/** Every Waybill service of the committed image (`gen/waybill.binpb`), in name order. */
function waybillServices(imageUrl: URL): DescService[] {
  const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, readFileSync(imageUrl)));
  const services: DescService[] = [];
  for (const file of registry.files) {
    if (file.proto.package.startsWith("waybill.")) services.push(...file.services);
  }
  return services.sort((a, b) => a.typeName.localeCompare(b.typeName));
}

/**
 * The role matrix as Markdown: for every RPC of every Waybill service, which roles the contract
 * lets call it (the `(waybill.common.v1.access)` option the auth interceptor enforces). Written
 * from the contracts, so it cannot drift from what the server does.
 */
export function rolesMarkdown(imageUrl = pathToFileURL(projectPath("gen", "waybill.binpb"))): string {
  const lines = [
    "# Who may call what",
    "",
    "<!-- Written by `npm run docs` from the contracts' access options; do not edit by hand. -->",
    "",
    "Each RPC declares in its contract the roles that may call it; the server refuses every other",
    "role with `PERMISSION_DENIED` before the handler runs, and an RPC without a declaration is",
    "refused to everyone. Inside the handler, tenancy still applies: a brand, a partner (bound to",
    "one brand, by token or API key) and a customer or courier (bound to themselves) see and change",
    "only their own data; another tenant's record answers `NOT_FOUND`, as a missing one does.",
    "`service` is another Waybill service calling internally. Health, reflection and the",
    "development sign-in (`DevSignInService`, served only while `DEV_SIGN_IN_ENABLED`, never in",
    "production) need no token: everyone may call them, marked *public* below. The traffic",
    "simulator (`waybill.dev.v1.SimulatorService`) is served on the same condition and open to every",
    "role but `service`, whatever its brand: whoever reaches such a server may mint an admin token anyway.",
  ];
  for (const service of waybillServices(imageUrl)) {
    lines.push("", `## ${service.typeName}`, "", `| RPC | ${columns.join(" | ")} |`);
    lines.push(`|---|${columns.map(() => ":---:").join("|")}|`);
    for (const method of service.methods) {
      const rule = accessRequirement(method);
      const allowed = (role: RoleName) =>
        rule.kind === "public" || (rule.kind === "roles" && rule.roles.has(role)) ? "✓" : "";
      const name = rule.kind === "public" ? `\`${method.name}\` (public)` : `\`${method.name}\``;
      lines.push(`| ${name} | ${columns.map(allowed).join(" | ")} |`);
    }
  }
  return `${lines.join("\n")}\n`;
}
