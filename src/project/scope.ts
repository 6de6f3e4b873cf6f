// Which files are about the server's startup. Tests, stories, scripts that are run rather than
// imported, and browser-only code are left out of the default scan: their findings do not help
// someone whose server hangs (issue 9: 270 of the findings on six real codebases were in tests).
// A left-out file that the startup path does reach is analysed anyway (build follows resolved
// imports), so a wrong guess here can only hide findings off the startup path. Pure: the caller
// gathers package facts (which files package.json scripts run, which packages are front ends).

export type ExcludedKind = "tests" | "stories" | "scripts" | "browser";

export type ScopeMode = "startup" | "all";

export type ExcludedCounts = Record<ExcludedKind, number>;

export interface ScopeFacts {
  /** Package folders (the root and each workspace), absolute POSIX. */
  packageDirs: string[];
  /** Files run directly by a package.json script that does not start the app (migrate, seed, lint). */
  runByScripts: ReadonlySet<string>;
  /** Package folders whose package is a front end (a UI framework and no server framework). */
  browserPackages: string[];
  /** Entrypoints: always in scope. */
  entrypoints: ReadonlySet<string>;
}

const TEST_DIRS = new Set(["test", "tests", "__tests__", "__mocks__", "__fixtures__", "fixtures", "e2e", "cypress", "playwright", "spec", "specs", "integration-tests", "integration_tests", "__snapshots__", "test-utils", "test-helpers"]);
const TEST_FILE = /\.(?:test|spec|e2e-spec|e2e|bench)\.[cm]?[jt]sx?$|^(?:jest|vitest|playwright|cypress)\.(?:setup|config|global-setup)[\w.-]*\.[cm]?[jt]sx?$|^setup-?tests\.[cm]?[jt]sx?$/i;
const STORY_FILE = /\.(?:stories|story)\.[cm]?[jt]sx?$/i;
const SCRIPT_DIRS = new Set(["scripts", "script"]);
// Tool configuration at a package's top level, run by the tool (vite, eslint, drizzle-kit, knex).
const TOOL_FILE = /^(?:[\w-]+\.config|\.?[\w-]+rc|gulpfile|gruntfile|knexfile|webpack\.[\w.-]+)\.[cm]?[jt]s$/i;
const BROWSER_DIRS = new Set(["public", "static", "frontend", "browser", "www", "assets"]);

export function emptyCounts(): ExcludedCounts {
  return { tests: 0, stories: 0, scripts: 0, browser: 0 };
}

/** Why a file is left out of the startup scope, or null when it is in. */
export function excludedKind(file: string, facts: ScopeFacts): ExcludedKind | null {
  if (facts.entrypoints.has(file)) return null;
  const pkg = owningPackage(file, facts.packageDirs);
  const rel = pkg ? file.slice(pkg.length + 1) : file;
  const segments = rel.split("/");
  const name = segments[segments.length - 1];
  const dirs = segments.slice(0, -1).map((s) => s.toLowerCase());
  if (TEST_FILE.test(name) || dirs.some((d) => TEST_DIRS.has(d))) return "tests";
  if (STORY_FILE.test(name)) return "stories";
  if (facts.runByScripts.has(file) || dirs.some((d) => SCRIPT_DIRS.has(d)) || (dirs.length === 0 && TOOL_FILE.test(name))) return "scripts";
  if ((pkg && facts.browserPackages.includes(pkg)) || dirs.some((d) => BROWSER_DIRS.has(d))) return "browser";
  return null;
}

/** Splits the project's files into those scanned and those left out, by kind. */
export function partitionScope(files: readonly string[], facts: ScopeFacts, mode: ScopeMode): { files: string[]; excluded: Map<string, ExcludedKind> } {
  const excluded = new Map<string, ExcludedKind>();
  if (mode === "all") return { files: [...files], excluded };
  const kept: string[] = [];
  for (const file of files) {
    const kind = excludedKind(file, facts);
    if (kind) excluded.set(file, kind);
    else kept.push(file);
  }
  return { files: kept, excluded };
}

/** Counts the left-out files that the analysis did not reach after all. */
export function countExcluded(excluded: ReadonlyMap<string, ExcludedKind>, analysed: (file: string) => boolean): ExcludedCounts {
  const counts = emptyCounts();
  for (const [file, kind] of excluded) if (!analysed(file)) counts[kind] += 1;
  return counts;
}

/** The innermost package folder holding `file` (workspaces sit inside the root). */
function owningPackage(file: string, packageDirs: readonly string[]): string | null {
  let best: string | null = null;
  for (const dir of packageDirs) {
    if (file.startsWith(`${dir}/`) && (best === null || dir.length > best.length)) best = dir;
  }
  return best;
}
