// A start script as a list of simple commands (words), with redirections and comments dropped.
// shell-quote does the quoting rules; we only split on the command operators.
import { parse } from "shell-quote";

const SEPARATORS = new Set(["&&", "||", ";", "|", "&", "|&", ";;"]);
const REDIRECTS = new Set([">", ">>", "<", ">&", "<&", "<(", ">|", "&>"]);

/** `a && NODE_ENV=x node b.js 2>&1 | pino` -> [["a"], ["NODE_ENV=x", "node", "b.js"], ["pino"]]. */
export function shellCommands(script: string): string[][] {
  // Keep `$VAR` as written: the probe cannot know the shell's values, and a word such as
  // `$PORT` must not vanish and shift the others.
  const tokens = parse(script, (name) => `$${name}`);
  const commands: string[][] = [];
  let words: string[] = [];
  let skipNext = false;
  for (const token of tokens) {
    if (typeof token === "string") {
      if (skipNext) skipNext = false;
      else words.push(token);
      continue;
    }
    if ("comment" in token) break;
    if ("op" in token && SEPARATORS.has(token.op)) {
      if (words.length > 0) commands.push(words);
      words = [];
    } else if ("op" in token && REDIRECTS.has(token.op)) {
      // `2>&1`: the fd number before the operator and the target after it are not words.
      if (/^\d$/.test(words.at(-1) ?? "")) words.pop();
      skipNext = true;
    } else if ("op" in token && token.op === "glob" && "pattern" in token) {
      words.push(String(token.pattern));
    }
  }
  if (words.length > 0) commands.push(words);
  return commands;
}

/** For display: a word that needs no quoting stays bare, others are single-quoted. */
export function shellWord(word: string): string {
  // A hostile package.json must not reach the terminal with control characters.
  const visible = word.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`);
  return /^[\w@%+=:,./-]+$/.test(visible) ? visible : `'${visible.replace(/'/g, `'\\''`)}'`;
}
