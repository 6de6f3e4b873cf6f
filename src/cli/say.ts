// The CLI's own one-line messages on stderr: whatever they quote (a config key, a path, an error
// from the project) comes from the analysed project, so it is escaped like the pretty report:
// a newline in a key cannot make a second line, nor `::error::` a workflow command (issue 10 §2).
import { terminalText } from "../report/escape/terminal.js";

export function say(message: string): void {
  process.stderr.write(`startup-doctor: ${terminalText(message, { ciLog: process.env.GITHUB_ACTIONS === "true" })}\n`);
}
