import { readFileSync } from "node:fs";
import Mustache from "mustache";
import type { EmailTemplateName } from "../domain/index.js";

/** An email ready to send. */
export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** The email templates, loaded once. */
export interface EmailTemplates {
  /** Renders one email; `view` holds what its templates show. */
  render(template: EmailTemplateName, view: Readonly<Record<string, unknown>>): RenderedEmail;
}

/** The files of each template in `templates/`. */
const files: Readonly<Record<EmailTemplateName, string>> = {
  welcome: "welcome",
  order_placed: "order-placed",
  order_status_changed: "order-status-changed",
  order_delivered: "order-delivered",
  stock_low: "stock-low",
  out_of_stock: "out-of-stock",
};

/** The folder of the template files shipped with the service. */
export const templatesDir = new URL("../templates/", import.meta.url);

/** Text and subject are not HTML: values go in as they are. */
const plain = { escape: (value: unknown) => String(value) };

/**
 * Reads the mustache templates of every email from `dir`: `<name>.txt`, whose first line is
 * `Subject: …` and whose rest after a blank line is the text part, and `<name>.html`, the HTML
 * part (values HTML-escaped). Throws at start when a file is missing or malformed, rather than
 * when the first email of its kind is due.
 *
 * @example
 * const templates = loadEmailTemplates();
 * templates.render("welcome", { customerName: "Ada", email: "ada@example.com" }).subject // => "Welcome to Waybill, Ada"
 */
export function loadEmailTemplates(dir: URL = templatesDir): EmailTemplates {
  const loaded = new Map<EmailTemplateName, RenderedEmail>();
  for (const [template, file] of Object.entries(files) as [EmailTemplateName, string][]) {
    const source = readFileSync(new URL(`${file}.txt`, dir), "utf8");
    const [, subject, text] = /^Subject: (.+)\r?\n\r?\n([\s\S]*)$/.exec(source) ?? [];
    if (subject === undefined || text === undefined)
      throw new Error(`template ${file}.txt must start with a "Subject: " line and a blank line`);
    const parts = { subject, text, html: readFileSync(new URL(`${file}.html`, dir), "utf8") };
    for (const part of Object.values(parts)) Mustache.parse(part);
    loaded.set(template, parts);
  }
  return {
    render(template, view) {
      const parts = loaded.get(template);
      // Every template name has its files (the table above), so this is a programming error.
      if (!parts) throw new Error(`no email template ${template}`);
      return {
        subject: Mustache.render(parts.subject, view, {}, plain).replace(/\s+/g, " ").trim(),
        text: Mustache.render(parts.text, view, {}, plain),
        html: Mustache.render(parts.html, view),
      };
    },
  };
}
