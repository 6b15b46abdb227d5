import { type DescFile, type DescMethod, getOption, hasOption } from "@bufbuild/protobuf";

/** The method option naming who may call an RPC (proto/waybill/common/v1/auth.proto). */
const accessOptionName = "waybill.common.v1.access";

/**
 * Reads the roles allowed to call each method from the `(waybill.common.v1.access)` option, found
 * by name among the files given (so that generation does not depend on generated code).
 */
export function createAccessRoles(files: readonly DescFile[]): (method: DescMethod) => string[] | undefined {
  const option = files.flatMap((file) => file.extensions).find((ext) => ext.typeName === accessOptionName);
  const rolesField =
    option?.fieldKind === "message" ? option.message.fields.find((f) => f.name === "roles") : undefined;
  if (!option || rolesField?.fieldKind !== "list" || rolesField.listKind !== "enum") return () => undefined;
  const enumDesc = rolesField.enum;
  const prefix = "ROLE_";
  return (method) => {
    if (!hasOption(method, option)) return undefined;
    const rule = getOption(method, option) as { roles?: readonly number[] };
    return (rule.roles ?? []).map((number) => {
      const name = enumDesc.values.find((value) => value.number === number)?.name ?? String(number);
      return (name.startsWith(prefix) ? name.slice(prefix.length) : name).toLowerCase();
    });
  };
}
