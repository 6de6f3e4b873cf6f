// format -> reporter module, loaded only when asked for (design.md habit 3).
import type { SourceLinks } from "./ci-links.js";
import type { ReportV1 } from "./types.js";

export interface ReporterOptions {
  color: boolean;
  /** Report root relative to the folder CI paths are written against (the repository root), e.g. "packages/api/"; "" when the same. */
  pathPrefix?: string;
  /** Added: terminal columns the pretty report wraps to; undefined: no wrapping. */
  width?: number;
  /** Added: the output goes to a CI log that executes workflow commands (GitHub Actions, Azure): pretty defuses them. */
  ciLog?: boolean;
  /** Added: links to files at the analysed commit (markdown), from the CI's variables. */
  sourceLinks?: SourceLinks;
}

export type Reporter = (report: ReportV1, options: ReporterOptions) => string;

const loaders = {
  pretty: async () => (await import("./pretty.js")).pretty,
  json: async () => (await import("./json.js")).json,
  dot: async () => (await import("./dot.js")).dot,
  mermaid: async () => (await import("./mermaid.js")).mermaid,
  sarif: async () => (await import("./sarif.js")).sarif,
  markdown: async () => (await import("./markdown.js")).markdown,
  github: async () => (await import("./github.js")).github,
} satisfies Record<string, () => Promise<Reporter>>;

export type Format = keyof typeof loaders;

export const FORMATS = Object.keys(loaders) as Format[];

export function isFormat(value: string): value is Format {
  return Object.hasOwn(loaders, value);
}

export async function loadReporter(format: Format): Promise<Reporter> {
  return loaders[format]();
}
