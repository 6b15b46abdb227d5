import { readFileSync } from "node:fs";
import { createFileRegistry, type DescMessage, fromBinary, getOption, hasOption, ScalarType } from "@bufbuild/protobuf";
import { type DescriptorProto, type FileDescriptorProto, FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { field as validateField } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import { describe, expect, it } from "vitest";

// The committed image (with source info), exactly what `buf curl --schema` and clients see.
const set = fromBinary(FileDescriptorSetSchema, readFileSync(new URL("../gen/waybill.binpb", import.meta.url)));
const ours = set.file.filter((file) => file.name.startsWith("waybill/"));
const registry = createFileRegistry(set);

/** Paths (in source-info terms) of every element of a file that must carry a comment. */
function undocumented(file: FileDescriptorProto): string[] {
  const commented = new Set(
    (file.sourceCodeInfo?.location ?? []).filter((l) => l.leadingComments.trim() !== "").map((l) => l.path.join(".")),
  );
  const missing: string[] = [];
  const check = (path: number[], name: string) => {
    if (!commented.has(path.join("."))) missing.push(`${file.name}: ${name}`);
  };
  const messages = (list: DescriptorProto[], path: number[], prefix: string): void => {
    for (const [i, message] of list.entries()) {
      if (message.options?.mapEntry) continue; // synthesized for a map field, which has its comment
      const at = [...path, i];
      check(at, `${prefix}${message.name}`);
      for (const [j, field] of message.field.entries()) check([...at, 2, j], `${prefix}${message.name}.${field.name}`);
      for (const [j, e] of message.enumType.entries()) {
        for (const [k, v] of e.value.entries())
          check([...at, 4, j, 2, k], `${prefix}${message.name}.${e.name}.${v.name}`);
      }
      messages(message.nestedType, [...at, 3], `${prefix}${message.name}.`);
    }
  };
  messages(file.messageType, [4], "");
  for (const [i, e] of file.enumType.entries()) {
    check([5, i], e.name);
    for (const [j, v] of e.value.entries()) check([5, i, 2, j], `${e.name}.${v.name}`);
  }
  for (const [i, service] of file.service.entries()) {
    check([6, i], service.name);
    for (const [j, method] of service.method.entries()) check([6, i, 2, j], `${service.name}.${method.name}`);
  }
  return missing;
}

describe("contracts", () => {
  it("document every service, RPC, message, field and enum value", () => {
    expect(ours.length).toBeGreaterThan(10);
    expect(ours.flatMap(undocumented)).toEqual([]);
  });

  it("constrain every non-bool field of every RPC request, directly or through its message's own rules", () => {
    const unconstrained: string[] = [];
    // A signed amount is bounded where it is used: each request field holding Money has a CEL rule.
    const boundedByContainer = new Set(["waybill.common.v1.Money.minor_units"]);
    const seen = new Set<string>();
    const visit = (message: DescMessage) => {
      // Only our own messages: well-known types carry no rules of ours.
      if (seen.has(message.typeName) || !message.typeName.startsWith("waybill.")) return;
      seen.add(message.typeName);
      for (const field of message.fields) {
        const ruled = hasOption(field, validateField) && Object.keys(getOption(field, validateField)).length > 0;
        // Every value of a bool is valid; a message field is checked through its own fields.
        if (field.message?.typeName === "waybill.common.v1.Money" && !ruled)
          unconstrained.push(`${message.typeName}.${field.name}`);
        if (field.message) visit(field.message);
        else if (
          !ruled &&
          field.scalar !== ScalarType.BOOL &&
          !boundedByContainer.has(`${message.typeName}.${field.name}`)
        ) {
          unconstrained.push(`${message.typeName}.${field.name}`);
        }
      }
    };
    for (const file of ours)
      for (const service of file.service)
        for (const method of registry.getService(`${file.package}.${service.name}`)!.methods) visit(method.input);
    expect(seen.size).toBeGreaterThan(50);
    expect(unconstrained).toEqual([]);
  });
});
