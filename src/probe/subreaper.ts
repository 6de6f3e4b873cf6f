// Makes the probe child a "child subreaper" (prctl PR_SET_CHILD_SUBREAPER, kept across execve):
// whatever it spawns and orphans (a double-forked `setsid env -i` daemon) is re-parented to the
// child instead of init, so the /proc parent walk still finds it. Node cannot call prctl; perl
// can, in ~3 ms, and then execs the real command in the same process.
import { accessSync, constants } from "node:fs";

const PRCTL_SYSCALL: Partial<Record<string, number>> = { x64: 157, arm64: 167 };
const PR_SET_CHILD_SUBREAPER = 36;
const SCRIPT = `syscall(${"$ARGV[0]"}, ${PR_SET_CHILD_SUBREAPER}, 1); shift @ARGV; exec { $ARGV[0] } @ARGV or exit 127`;

let perl: string | null | undefined;

export interface Spawnable {
  command: string;
  args: string[];
}

/** The same command under the subreaper shim when perl and a known prctl number are there; else unchanged. */
export function asSubreaper(command: Spawnable): Spawnable & { subreaper: boolean } {
  const syscall = process.platform === "linux" ? PRCTL_SYSCALL[process.arch] : undefined;
  const shim = syscall === undefined ? null : findPerl();
  if (!shim || syscall === undefined) return { ...command, subreaper: false };
  return { command: shim, args: ["-e", SCRIPT, String(syscall), command.command, ...command.args], subreaper: true };
}

function findPerl(): string | null {
  if (perl !== undefined) return perl;
  perl = null;
  for (const candidate of ["/usr/bin/perl", "/bin/perl", "/usr/local/bin/perl"]) {
    try {
      accessSync(candidate, constants.X_OK);
      perl = candidate;
      break;
    } catch {
      // Next.
    }
  }
  return perl;
}
