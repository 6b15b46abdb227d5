/** One instruction of a Dockerfile: `COPY --from=build /app/dist ./dist`. */
export interface Instruction {
  /** Upper case: `FROM`, `RUN`, `COPY`, … */
  readonly keyword: string;
  /** The `--name=value` flags before the arguments (`--from`, `--interval`, …). */
  readonly flags: Readonly<Record<string, string>>;
  /** The rest, continuation lines joined. */
  readonly args: string;
}

/** One stage: from `FROM` to the next. */
export interface Stage {
  /** The image it starts from: a base image or an earlier stage's name. */
  readonly from: string;
  /** `AS <name>`, if any. */
  readonly name: string | undefined;
  readonly instructions: readonly Instruction[];
}

/**
 * The stages of a Dockerfile, enough for checks: comment lines dropped, `\` continuations joined,
 * leading `--flag=value` tokens split off. Instructions before the first `FROM` (`ARG`) are left out.
 */
export function parseDockerfile(text: string): Stage[] {
  const logical = text
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("#"))
    .join("\n")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const stages: { from: string; name: string | undefined; instructions: Instruction[] }[] = [];
  for (const line of logical) {
    const [keyword = "", ...rest] = line.split(/\s+/);
    const flags: Record<string, string> = {};
    while (rest[0]?.startsWith("--")) {
      const [flag = "", value = ""] = (rest.shift() ?? "").slice(2).split("=");
      flags[flag] = value;
    }
    const instruction = { keyword: keyword.toUpperCase(), flags, args: rest.join(" ") };
    if (instruction.keyword === "FROM") {
      const [from = "", as, name] = rest;
      stages.push({ from, name: as?.toUpperCase() === "AS" ? name : undefined, instructions: [] });
    }
    stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

/** The arguments of an exec-form instruction (`["node", "main.js"]`), or undefined in shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.startsWith("[")) return undefined;
  const parsed = JSON.parse(args) as unknown;
  return Array.isArray(parsed) && parsed.every((item) => typeof item === "string") ? parsed : undefined;
}

/** A `.dockerignore` read as Docker reads it: patterns from the context's root, `!` re-includes, last match wins. */
export interface DockerIgnore {
  /** Whether `path` (relative to the context, `/`-separated) is left out of the build context. */
  ignores(path: string): boolean;
}

/** Parses a `.dockerignore` (`*`, `?` within a segment, `**` across segments; a match excludes what is below). */
export function parseDockerignore(text: string): DockerIgnore {
  const rules = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const negate = line.startsWith("!");
      const pattern = (negate ? line.slice(1) : line).replace(/^\/+|\/+$/g, "");
      return { negate, pattern: globToRegExp(pattern) };
    });
  return {
    ignores(path) {
      const segments = path.split("/");
      const prefixes = segments.map((_, i) => segments.slice(0, i + 1).join("/"));
      let ignored = false;
      for (const rule of rules) if (prefixes.some((prefix) => rule.pattern.test(prefix))) ignored = !rule.negate;
      return ignored;
    },
  };
}

function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? "";
    if (pattern.startsWith("**/", i)) {
      source += "(?:.*/)?";
      i += 2;
    } else if (pattern.startsWith("**", i)) {
      source += ".*";
      i += 1;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}
