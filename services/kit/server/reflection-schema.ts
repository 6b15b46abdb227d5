import {
  type DescEnum,
  type DescExtension,
  type DescFile,
  type DescMessage,
  type DescService,
  toBinary,
} from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";

/** What server reflection can tell about the contracts a process serves. */
export interface ReflectionSchema {
  /** Fully-qualified names of the services served, sorted. */
  readonly serviceNames: readonly string[];
  /** The serialized file named `name` and then every file it imports, or undefined when unknown. */
  fileByName(name: string): readonly Uint8Array[] | undefined;
  /** The same for the file that defines a symbol (service, method, message, field, enum, value). */
  fileContainingSymbol(symbol: string): readonly Uint8Array[] | undefined;
  /** The same for the file that extends message `typeName` with field `number`. */
  fileContainingExtension(typeName: string, number: number): readonly Uint8Array[] | undefined;
  /** The extension field numbers known for message `typeName`, or undefined for an unknown message. */
  extensionNumbers(typeName: string): readonly number[] | undefined;
}

/**
 * Indexes the generated descriptors of `services` and of every file they import (nothing else:
 * reflection shows what the process serves). Files are serialized once, as
 * `google.protobuf.FileDescriptorProto`, from the descriptors protoc-gen-es embedded.
 */
export function createReflectionSchema(services: readonly DescService[]): ReflectionSchema {
  const files = new Map<string, DescFile>();
  const visit = (file: DescFile): void => {
    // `DescFile.name` drops ".proto"; reflection clients ask for the file's real name.
    if (files.has(file.proto.name)) return;
    files.set(file.proto.name, file);
    for (const dependency of file.dependencies) visit(dependency);
  };
  for (const service of services) visit(service.file);

  const symbols = new Map<string, DescFile>();
  const messages = new Map<string, DescMessage>();
  const extensions = new Map<string, Map<number, DescFile>>();
  const addExtension = (typeName: string, number: number, file: DescFile) => {
    const byNumber = extensions.get(typeName) ?? new Map<number, DescFile>();
    byNumber.set(number, file);
    extensions.set(typeName, byNumber);
  };
  for (const file of files.values()) {
    for (const service of file.services) {
      symbols.set(service.typeName, file);
      for (const method of service.methods) symbols.set(`${service.typeName}.${method.name}`, file);
    }
    for (const element of nestedElements(file)) {
      symbols.set(element.typeName, file);
      if (element.kind === "message") {
        messages.set(element.typeName, element);
        for (const field of element.fields) symbols.set(`${element.typeName}.${field.name}`, file);
        for (const oneof of element.oneofs) symbols.set(`${element.typeName}.${oneof.name}`, file);
      } else if (element.kind === "enum") {
        // Enum values are scoped like C++ enumerators: beside the enum, not inside it.
        const scope = element.typeName.slice(0, Math.max(0, element.typeName.lastIndexOf(".")));
        for (const value of element.values) symbols.set(scope ? `${scope}.${value.name}` : value.name, file);
      } else {
        addExtension(element.extendee.typeName, element.number, file);
      }
    }
  }

  const serialized = new Map<string, Uint8Array>();
  const bytesOf = (file: DescFile): Uint8Array => {
    let bytes = serialized.get(file.name);
    if (!bytes) {
      bytes = toBinary(FileDescriptorProtoSchema, file.proto);
      serialized.set(file.name, bytes);
    }
    return bytes;
  };
  // The file first, then its imports, each once: clients resolve them without asking again.
  const withDependencies = (file: DescFile | undefined): readonly Uint8Array[] | undefined => {
    if (!file) return undefined;
    const seen = new Set<string>();
    const order: DescFile[] = [];
    const walk = (current: DescFile): void => {
      if (seen.has(current.name)) return;
      seen.add(current.name);
      order.push(current);
      for (const dependency of current.dependencies) walk(dependency);
    };
    walk(file);
    return order.map(bytesOf);
  };

  return {
    serviceNames: services.map((service) => service.typeName).sort(),
    fileByName: (name) => withDependencies(files.get(name)),
    fileContainingSymbol: (symbol) => withDependencies(symbols.get(symbol.replace(/^\./, ""))),
    fileContainingExtension: (typeName, number) =>
      withDependencies(extensions.get(typeName.replace(/^\./, ""))?.get(number)),
    extensionNumbers(typeName) {
      const name = typeName.replace(/^\./, "");
      if (!messages.has(name)) return undefined;
      return [...(extensions.get(name)?.keys() ?? [])].sort((a, b) => a - b);
    },
  };
}

/** Every message, enum and extension of a file, nested ones included. */
function* nestedElements(file: DescFile): Generator<DescMessage | DescEnum | DescExtension> {
  function* inMessage(message: DescMessage): Generator<DescMessage | DescEnum | DescExtension> {
    yield message;
    yield* message.nestedEnums;
    yield* message.nestedExtensions;
    for (const nested of message.nestedMessages) yield* inMessage(nested);
  }
  yield* file.enums;
  yield* file.extensions;
  for (const message of file.messages) yield* inMessage(message);
}
