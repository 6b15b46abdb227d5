import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { ActivityEntry } from "@waybill/sdk/notifications";
import { Link } from "react-router";
import { Badge } from "../../ui/index.js";
import { entryKind, entryKinds } from "./entry-kind.js";
import { entryLinks } from "./entry-links.js";

/** The feed's entries, newest first: time, kind, the summary, and links to what each is about. */
export function ActivityList({
  entries,
  operator,
}: {
  readonly entries: readonly ActivityEntry[];
  readonly operator: boolean;
}) {
  return (
    <ol className="activity-feed" aria-label="Activity">
      {entries.map((entry) => {
        const kind = entryKinds.find((k) => k.kind === entryKind(entry.eventType));
        return (
          <li key={String(entry.sequence)} className="activity-entry" data-sequence={String(entry.sequence)}>
            <time className="muted activity-time">
              {entry.eventTime ? timestampDate(entry.eventTime).toLocaleString() : "—"}
            </time>
            <span className="activity-kind">{kind && <Badge tone={kind.tone}>{kind.label}</Badge>}</span>
            <span className="activity-summary">
              {entry.summary}
              {operator && entry.brandId && <span className="muted"> · {entry.brandId}</span>}
            </span>
            <span className="activity-links">
              {entryLinks(entry, operator).map((link) => (
                <Link key={link.to} to={link.to}>
                  {link.label}
                </Link>
              ))}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
