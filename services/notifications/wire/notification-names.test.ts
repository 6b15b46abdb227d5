import {
  NotificationChannel,
  NotificationStatus,
  NotificationTemplate,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { describe, expect, it } from "vitest";
import {
  channelFromProto,
  channels,
  statuses,
  statusFromProto,
  templateFromProto,
  templates,
} from "./notification-names.js";

describe("stored names of the contract's enums", () => {
  it("round-trip every stored name, and leave UNSPECIFIED unnamed", () => {
    for (const [name, value] of Object.entries(channels)) expect(channelFromProto(value)).toBe(name);
    for (const [name, value] of Object.entries(statuses)) expect(statusFromProto(value)).toBe(name);
    for (const [name, value] of Object.entries(templates)) expect(templateFromProto(value)).toBe(name);
    expect(channelFromProto(NotificationChannel.UNSPECIFIED)).toBeUndefined();
    expect(statusFromProto(NotificationStatus.UNSPECIFIED)).toBeUndefined();
    expect(templateFromProto(NotificationTemplate.UNSPECIFIED)).toBeUndefined();
  });

  it("name every value of the contract but UNSPECIFIED", () => {
    const named = (table: Readonly<Record<string, number>>) => Object.values(table).sort();
    const defined = (values: readonly (string | number)[]) =>
      values.filter((value): value is number => typeof value === "number" && value !== 0).sort();
    expect(named(channels)).toEqual(defined(Object.values(NotificationChannel)));
    expect(named(statuses)).toEqual(defined(Object.values(NotificationStatus)));
    expect(named(templates)).toEqual(defined(Object.values(NotificationTemplate)));
  });
});
