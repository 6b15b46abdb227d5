import type { DescEnum, DescEnumValue, DescField, DescMessage, DescMethod, DescService } from "@bufbuild/protobuf";
import { getComments } from "@bufbuild/protoplugin";

/**
 * The leading comment of a protobuf element as Markdown: the one space after `//` removed, lines
 * kept (Markdown joins them into paragraphs). Empty when the element has no comment.
 */
export function commentOf(desc: DescService | DescMethod | DescMessage | DescField | DescEnum | DescEnumValue): string {
  const leading = getComments(desc).leading ?? "";
  return leading
    .split("\n")
    .map((line) => (line.startsWith(" ") ? line.slice(1) : line).trimEnd())
    .join("\n")
    .trim();
}

/**
 * A short summary: the first sentence of `comment` on one line (an RPC's comment starts with its
 * name and what it does, e.g. "CreateItem adds a SKU to a brand's catalogue with zero stock.").
 */
export function summaryOf(comment: string): string {
  const oneLine = comment.replace(/\s+/g, " ").trim();
  const end = oneLine.search(/\.(\s|$)/);
  return end === -1 ? oneLine : oneLine.slice(0, end + 1);
}
