// The TypeScript compiler is loaded lazily through require: its ESM import costs 2-3x more, and
// `--help` must not pay for it at all (design.md, habit 3).
import { createRequire } from "node:module";
import type * as TS from "typescript";

export type { TS };

let loaded: typeof TS | undefined;

export function typescript(): typeof TS {
  if (!loaded) loaded = createRequire(import.meta.url)("typescript") as typeof TS;
  return loaded;
}
