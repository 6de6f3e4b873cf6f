// Terminal (pretty report): untrusted strings (file names, specifiers, messages, code lines, the
// app's output) cannot move the cursor, recolour, retitle the window, hide text, reorder it
// (Trojan Source bidi controls) or, in a CI log, run a workflow command (issue 10 §2).
import type { ReportV1 } from "../types.js";

export interface TerminalEscapeOptions {
  /** The output is read by a CI runner that executes log lines: GitHub Actions `::cmd::`, `##[cmd]`, Azure `##vso[`. */
  ciLog: boolean;
  /** Keep line breaks (the app's output tail); each line is still neutralised. */
  multiline?: boolean;
}

// C0 controls but tab (and newline when multiline), DEL, C1 controls (0x9b is a one-byte CSI),
// bidirectional overrides and isolates, and the line/paragraph separators.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_AND_NEWLINE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const ZWSP = "\u200b";

/** A control character as visible text: `\n`, `\r`, `\e`, else `\u{202e}`. */
function visible(ch: string): string {
  if (ch === "\n") return "\\n";
  if (ch === "\r") return "\\r";
  if (ch === "\u001b") return "\\e";
  return `\\u{${ch.codePointAt(0)!.toString(16)}}`;
}

/** Colour and style only (SGR): an app's coloured log lines, dropped from its output rather than shown as `\e[33m`. */
const SGR = /\u001b\[[0-9;]*m/g;

export function terminalText(s: string, options: TerminalEscapeOptions): string {
  // SGR is removed before the controls are made visible: what removing it joins up is escaped too.
  let out = options.multiline ? s.replace(SGR, "").replace(/\r\n/g, "\n").replace(CONTROLS, visible) : s.replace(CONTROLS_AND_NEWLINE, visible);
  // The runner reads `::command::` at a line's start after spaces, and `##[command]` anywhere:
  // a zero-width space between the two characters keeps the text and defuses the command.
  if (options.ciLog) out = out.replace(/::/g, `:${ZWSP}:`).replace(/##(vso)?\[/g, (m) => `#${ZWSP}${m.slice(1)}`);
  return out;
}

/** Report fields that hold many lines by nature (the app's own output). */
const MULTILINE_FIELDS = new Set(["output", "outputTail", "outputAfterKill"]);
/** Fields that hold many lines inside one parent field: a probe error's message (MongoDB puts the cause's stack in it). */
const MULTILINE_IN: ReadonlyMap<string, string> = new Map([["error", "message"]]);

/**
 * The report with every string made safe for a terminal: the pretty reporters lay out this copy,
 * so no field can be forgotten. Numbers and structure are unchanged.
 */
export function terminalSafeReport(report: ReportV1, options: Omit<TerminalEscapeOptions, "multiline">): ReportV1 {
  const seen = new Map<object, unknown>();
  const walk = (value: unknown, key: string, parent = ""): unknown => {
    if (typeof value === "string") return terminalText(value, { ...options, multiline: MULTILINE_FIELDS.has(key) || MULTILINE_IN.get(parent) === key });
    if (typeof value !== "object" || value === null) return value;
    const done = seen.get(value);
    if (done !== undefined) return done;
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      seen.set(value, out);
      for (const item of value) out.push(walk(item, key, parent));
      return out;
    }
    const out: Record<string, unknown> = {};
    seen.set(value, out);
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, k, key);
    return out;
  };
  return walk(report, "") as ReportV1;
}
