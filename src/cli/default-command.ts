// `startup-doctor [dir]` is `check [dir]`. A word that is neither a command nor a folder is a
// mistyped command, not a missing project: commander's own "unknown command" error says so,
// with its suggestion.
import { existsSync } from "node:fs";
import type { Command } from "commander";

interface CommandInternals {
  /** Public in commander's JavaScript since v5, absent from its typings. */
  unknownCommand(): never;
}

export function defaultCommandGuard(_hooked: Command, action: Command): void {
  const program = action.parent;
  if (!program || program.args[0] === action.name()) return;
  const dir = action.args[0];
  if (dir === undefined || program.args[0] !== dir || existsSync(dir) || /[\\/.]/.test(dir)) return;
  (program as unknown as CommandInternals).unknownCommand();
}

/** commander prints its suggestion on a second line; usage errors here are one line (exit 2). */
export function oneLineError(text: string): string {
  return `${text.trimEnd().replace(/\n\(Did you mean (.*)\?\)$/, " (did you mean $1?)").replace(/\n+/g, " ")}\n`;
}
