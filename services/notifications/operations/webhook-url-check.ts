import { create } from "@bufbuild/protobuf";
import { FieldDescriptorProto_Type } from "@bufbuild/protobuf/wkt";
import { ViolationsSchema } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import { RegisterWebhookRequestSchema } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { DomainError } from "../../kit/errors/index.js";
import type { NotificationsContext } from "./notifications-context.js";

/**
 * Refuses a webhook URL that deliveries may not go to (`https` only in production; a host that
 * resolves, every address of it public unless `WEBHOOK_ALLOWED_HOSTS` lets it through) with
 * INVALID_ARGUMENT and a `buf.validate.Violations` detail on `url`, as protovalidate refuses the
 * request's other fields. Resolves the host: call it with no transaction open.
 */
export async function assertWebhookUrl(ctx: NotificationsContext, url: string): Promise<void> {
  const refusal = await ctx.webhooks.refusal(url);
  if (refusal === undefined) return;
  const field = RegisterWebhookRequestSchema.field.url;
  throw new DomainError("invalid_argument", `invalid request - ${refusal}`, [
    {
      desc: ViolationsSchema,
      value: create(ViolationsSchema, {
        violations: [
          {
            field: {
              elements: [
                { fieldNumber: field.number, fieldName: field.name, fieldType: FieldDescriptorProto_Type.STRING },
              ],
            },
            ruleId: "webhook.url.public",
            message: refusal,
          },
        ],
      }),
    },
  ]);
}
