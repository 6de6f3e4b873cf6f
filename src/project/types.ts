import type { TS } from "../util/typescript.js";
import type { EntrypointInfo } from "../report/types.js";

export interface PackageJson {
  name?: string;
  main?: string;
  module?: string;
  types?: string;
  typings?: string;
  source?: string;
  bin?: string | Record<string, string>;
  exports?: unknown;
  imports?: Record<string, unknown>;
  scripts?: Record<string, string>;
  workspaces?: string[] | { packages?: string[] };
  type?: string;
  [key: string]: unknown;
}

export interface TsConfig {
  /** Absolute path of the tsconfig file. */
  file: string;
  options: TS.CompilerOptions;
  /** Source files it includes (absolute POSIX). */
  fileNames: string[];
  /** Referenced project tsconfig files. */
  references: string[];
  /** What tsc reports and still builds with, in its words ("error TS18000: Circularity detected..."). */
  warnings?: string[];
  /** Symbolic links that include globs met and did not follow: their real path is outside the project. */
  outsideLinks?: string[];
}

export interface WorkspacePackage {
  name: string;
  dir: string;
  packageJson: PackageJson;
}

export interface Project {
  root: string;
  packageJson: PackageJson | null;
  /** Root tsconfig (or the one given by --tsconfig). */
  tsconfig: TsConfig | null;
  /** Every tsconfig found, keyed by directory, used to resolve each file with its nearest one. */
  tsconfigsByDir: Map<string, TsConfig>;
  /** true when --tsconfig forces one config for every file. */
  forcedTsconfig: boolean;
  workspaces: WorkspacePackage[];
  /** Initial module set (absolute POSIX, sorted). Resolution may add more. */
  files: string[];
  warnings: Array<{ file?: string; line?: number; message: string }>;
}

export interface ProjectOptions {
  tsconfig?: string;
}

export type { EntrypointInfo };
