// How an error message reads in one line: Node appends an inspected cause to some messages
// (MongoDB: "failed to connect … [Error: connect ECONNREFUSED 127.0.0.1:1\n    at …"), which no
// one-line verdict should quote.

/** `line` without the inspected cause that starts at " [SomethingError: "; the line itself when nothing else is left. */
export function withoutInspectedCause(line: string): string {
  return line.replace(/\s*\[\w*Error:.*$/, "").trim() || line;
}
