// Markdown for pull-request comments and job summaries: untrusted text can neither close the
// block it sits in nor become HTML, a heading, a link, an image or an @mention (issue 10 §2).

const ZWSP = "\u200b";
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Inline text: markdown punctuation backslash-escaped, HTML as entities, mentions broken, one line. */
export function mdText(s: string): string {
  return s
    .replace(CONTROLS, "")
    .replace(LINE_BREAKS, " ")
    .replace(/&/g, "&amp;")
    .replace(/[\\`*_[\]|~]/g, (ch) => `\\${ch}`)
    .replace(/</g, "&lt;")
    // What only means something at the start of a line: a heading, a list, a quote, a rule.
    .replace(/^(\s*)([#+=>-])/, "$1\\$2")
    .replace(/^(\s*\d+)([.)])/, "$1\\$2")
    .replace(/@(?=[\w-])/g, `@${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`);
}

/** An inline code span no content can close: a backtick run longer than any inside, one line. */
export function mdCode(s: string): string {
  const body = s.replace(CONTROLS, "").replace(LINE_BREAKS, " ");
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  // A space on each side lets content start or end with a backtick; markdown strips one of each.
  const pad = body.startsWith("`") || body.endsWith("`") || body.startsWith(" ") ? " " : "";
  return `${fence}${pad}${body === "" ? " " : body}${pad}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run in the content. */
export function mdFence(content: string, language = ""): string[] {
  const body = content.replace(CONTROLS, "").replace(/\r\n?/g, "\n");
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return [`${fence}${language}`, ...body.split("\n"), fence];
}

/** A link target: each path segment percent-encoded, so a name cannot end the link or add a title. */
export function mdUrlPath(path: string): string {
  return path
    .split("/")
    .map((segment) => encodeURIComponent(segment).replace(/[()'*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`))
    .join("/");
}
