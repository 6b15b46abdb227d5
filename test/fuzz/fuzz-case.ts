import { type DescMethod, toBinary, toJson } from "@bufbuild/protobuf";
import { mutateBinary, mutateJson } from "./mutations.js";
import type { Prng } from "./prng.js";
import { randomMessage } from "./random-message.js";
import { envelope, type WireProtocol } from "./wire-call.js";

/**
 * One fuzz case of one method, drawn from its own generator: the protocol, the codec, who calls,
 * and the exact body on the wire (enveloped for streaming protocols), with a readable account of
 * how the body was made so a failure can be reproduced and understood.
 */
export interface FuzzCase {
  readonly protocol: WireProtocol;
  readonly codec: "proto" | "json";
  readonly caller: "admin" | "brand" | "anonymous";
  readonly body: Uint8Array;
  /** How the body was made ("random message", "truncated", ...). */
  readonly how: string;
}

/** Mostly an admin (to reach the handlers), sometimes a brand or no one. */
function callerOf(index: number): FuzzCase["caller"] {
  const slot = index % 10;
  return slot === 8 ? "brand" : slot === 9 ? "anonymous" : "admin";
}

/** The message body before framing, as bytes, with how it was made. */
function payloadOf(rng: Prng, method: DescMethod, codec: FuzzCase["codec"]): { payload: Uint8Array; how: string } {
  const message = randomMessage(rng, method.input);
  const mutate = rng.chance(0.55);
  if (codec === "proto") {
    const valid = toBinary(method.input, message);
    if (!mutate) return { payload: valid, how: "random message" };
    const { bytes, how } = mutateBinary(rng, method.input, valid);
    return { payload: bytes, how };
  }
  let json: Record<string, unknown> = {};
  try {
    json = toJson(method.input, message) as Record<string, unknown>;
  } catch {
    // A value JSON cannot express (a timestamp out of range): mutate an empty object instead.
  }
  if (!mutate) return { payload: new TextEncoder().encode(JSON.stringify(json)), how: "random message" };
  const { text, how } = mutateJson(rng, method.input, json);
  return { payload: new TextEncoder().encode(text), how };
}

/** Frames a payload for a streaming protocol, sometimes wrongly (length, flags, extra or no envelope). */
function frame(rng: Prng, payload: Uint8Array): { body: Uint8Array; how: string } {
  switch (rng.chance(0.85) ? -1 : rng.int(5)) {
    case 0:
      return { body: envelope(payload, 0, payload.length + 1 + rng.int(100)), how: "envelope longer than its body" };
    case 1:
      return { body: envelope(payload, 1), how: "compressed flag without compression" };
    case 2:
      return { body: Uint8Array.from([...envelope(payload), ...envelope(payload)]), how: "two messages" };
    case 3:
      return { body: new Uint8Array(0), how: "no message" };
    case 4:
      return { body: envelope(payload, rng.pick([2, 0x80, 0xff])), how: "odd envelope flags" };
    default:
      return { body: envelope(payload), how: "" };
  }
}

/** Builds case `index` of `method` from `rng`. */
export function buildCase(rng: Prng, method: DescMethod, index: number): FuzzCase {
  const streaming = method.methodKind === "server_streaming";
  const protocol: WireProtocol = rng.chance(0.5) ? "grpc" : streaming ? "connect-stream" : "connect";
  const codec = rng.chance(0.5) ? "proto" : "json";
  const { payload, how } = payloadOf(rng, method, codec);
  if (protocol === "connect") return { protocol, codec, caller: callerOf(index), body: payload, how };
  const framed = frame(rng, payload);
  return {
    protocol,
    codec,
    caller: callerOf(index),
    body: framed.body,
    how: [how, framed.how].filter(Boolean).join(", "),
  };
}

/** A short, printable form of a body: JSON as text, binary as hex, both cut to `max` characters. */
export function preview(fuzzCase: FuzzCase, max = 160): string {
  const bytes = fuzzCase.body;
  const text =
    fuzzCase.codec === "json" && fuzzCase.protocol === "connect"
      ? JSON.stringify(new TextDecoder().decode(bytes))
      : Buffer.from(bytes).toString("hex");
  return `${text.slice(0, max)}${text.length > max ? `… (${bytes.length} bytes)` : ""}`;
}
