// stdout closed by the reader (`scan --format json | head -c 100`): end quietly, as cat and grep
// do, instead of a 16-line EPIPE stack trace. Any other failure to write stdout (ENOSPC on a
// redirect) is one line and exit 2 (issue 10 §3).
import { writeFailure } from "../util/write-failure.js";

export function guardStdout(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    try {
      process.stderr.write(`startup-doctor: cannot write to stdout: ${writeFailure(error)}\n`);
    } finally {
      process.exit(2);
    }
  });
  // A closed stderr must not turn into an unhandled 'error' event either.
  process.stderr.on("error", () => process.exit(process.exitCode ?? 2));
}
