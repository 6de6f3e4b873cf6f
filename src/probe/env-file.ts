// Dotenv files for the probe's environment, read the way Node reads `--env-file`: Node's own
// parser (`util.parseEnv`, Node 20.12+), else a parser of the same documented rules for older
// Node 20 releases: `KEY=VALUE` lines, an `export ` prefix, `#` comments (also after an unquoted
// value), values in single, double or back quotes that may span lines, `\n` expanded inside
// double quotes only, the last definition of a key winning.
import * as util from "node:util";

type ParseEnv = (content: string) => Record<string, string>;
const nativeParseEnv = (util as { parseEnv?: ParseEnv }).parseEnv;

export function parseEnvFile(text: string): Record<string, string> {
  return nativeParseEnv ? { ...nativeParseEnv(text) } : parseEnvFallback(text);
}

const QUOTES = new Set(["'", '"', "`"]);

/** The fallback, exported so that a test can hold it against util.parseEnv on the same input. */
export function parseEnvFallback(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  const content = text.replace(/\r\n?/g, "\n");
  let at = 0;
  while (at < content.length) {
    const lineEnd = endOfLine(content, at);
    const line = content.slice(at, lineEnd);
    const trimmed = line.trimStart();
    const eq = line.indexOf("=");
    if (trimmed === "" || trimmed.startsWith("#") || eq < 0) {
      at = lineEnd + 1;
      continue;
    }
    let key = line.slice(0, eq).trim();
    if (key.startsWith("export ")) key = key.slice(7).trim();
    const valueStart = skipSpaces(content, at + eq + 1);
    const quote = content[valueStart] ?? "";
    if (QUOTES.has(quote)) {
      const close = content.indexOf(quote, valueStart + 1);
      if (close >= 0) {
        const inner = content.slice(valueStart + 1, close);
        if (key) env[key] = quote === '"' ? inner.replace(/\\n/g, "\n") : inner;
        at = endOfLine(content, close + 1) + 1;
        continue;
      }
    }
    // Unquoted (or an unclosed quote): the rest of the line, up to a comment.
    const raw = content.slice(valueStart, lineEnd);
    const hash = QUOTES.has(quote) ? -1 : raw.indexOf("#");
    if (key) env[key] = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    at = lineEnd + 1;
  }
  return env;
}

function endOfLine(content: string, from: number): number {
  const newline = content.indexOf("\n", from);
  return newline < 0 ? content.length : newline;
}

function skipSpaces(content: string, from: number): number {
  let i = from;
  while (content[i] === " " || content[i] === "\t") i++;
  return i;
}
