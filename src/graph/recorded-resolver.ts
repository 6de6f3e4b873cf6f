// A resolver that answers from a previous run's answers (the --cache) and asks the real one only
// for what it has not seen: a warm scan with unchanged imports never loads the compiler. It also
// records every answer, for the next run. Valid only while the project's folders and configs are
// unchanged (src/run/cache/fingerprint.ts decides that).
import type { TsConfig } from "../project/types.js";
import { dirOf } from "../util/path.js";
import { resolutionKey, type Resolution, type Resolver } from "./resolve.js";

/** Plain data: what a run learnt about resolution. */
export interface ResolverSnapshot {
  /** Directory -> file of the tsconfig that governs it (null: none). */
  configByDir: Map<string, string | null>;
  configs: Map<string, TsConfig>;
  resolutions: Map<string, Resolution>;
  warnings: Resolver["warnings"];
}

export function emptyResolverSnapshot(): ResolverSnapshot {
  return { configByDir: new Map(), configs: new Map(), resolutions: new Map(), warnings: [] };
}

export interface RecordedResolver extends Resolver {
  /** Whether the real resolver was needed (something was not in the snapshot). */
  readonly missed: boolean;
  snapshot(): ResolverSnapshot;
}

export function createRecordedResolver(previous: ResolverSnapshot, makeReal: () => Resolver): RecordedResolver {
  const configByDir = new Map(previous.configByDir);
  const configs = new Map(previous.configs);
  const resolutions = new Map(previous.resolutions);
  let real: Resolver | null = null;
  const realResolver = (): Resolver => (real ??= makeReal());

  const configFor = (file: string): TsConfig | null => {
    const dir = dirOf(file);
    const known = configByDir.get(dir);
    if (known !== undefined) return known === null ? null : configs.get(known)!;
    const config = realResolver().configFor(file);
    configByDir.set(dir, config?.file ?? null);
    if (config) configs.set(config.file, config);
    return config;
  };
  const resolve = (site: Parameters<Resolver["resolve"]>[0], fromFile: string): Resolution => {
    const key = resolutionKey(site, fromFile);
    let found = resolutions.get(key);
    if (found === undefined) resolutions.set(key, (found = realResolver().resolve(site, fromFile)));
    return found;
  };
  const warnings = (): Resolver["warnings"] => {
    if (!real) return previous.warnings;
    // The real resolver repeats a previous run's warning when it meets the same config again.
    const seen = new Set(real.warnings.map((w) => `${w.file}\0${w.message}`));
    return [...previous.warnings.filter((w) => !seen.has(`${w.file}\0${w.message}`)), ...real.warnings];
  };
  return {
    configFor,
    resolve,
    get warnings() {
      return warnings();
    },
    get missed() {
      return real !== null;
    },
    snapshot: () => ({ configByDir, configs, resolutions, warnings: warnings() }),
  };
}
