// Who called process.exit(). The `exit` event runs inside process.exit() when the app calls it,
// so a stack taken in its listener goes on past the exit frame into the caller; on a natural exit
// (the loop emptied, or only process.exitCode set) it ends at the emit. Checked on Node 20.20
// (CommonJS and ESM callers) and Bun 1.4.5.

// Node: `at process.exit (node:internal/process/per_thread:184:15)`; Bun: `at exit (unknown)`.
const EXIT_FRAME = /^\s*at (?:process\.exit \(node:|exit \(unknown\))/;
const MAX_FRAMES = 10;

/** The frames of the process.exit() caller, innermost first; undefined when no code called it. */
export function exitCallFrames(): string[] | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  let stack: string | undefined;
  try {
    stack = new Error().stack;
  } catch {
    // A prepareStackTrace of the app's that throws: no caller to name.
    stack = undefined;
  } finally {
    Error.stackTraceLimit = limit;
  }
  const lines = (typeof stack === "string" ? stack : "").split("\n");
  const at = lines.findIndex((line) => EXIT_FRAME.test(line));
  if (at === -1) return undefined;
  const frames = lines.slice(at + 1, at + 1 + MAX_FRAMES).map((line) => line.trim());
  return frames.length > 0 ? frames : undefined;
}
