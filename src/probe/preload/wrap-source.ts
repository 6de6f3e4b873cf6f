// Wraps a module's code so that it reports when its evaluation starts and ends.
// Pure string work shared by the Node hooks thread and the Bun plugin.

export const ENTER_GLOBAL = "__startupDoctorEnter";
export const EXIT_GLOBAL = "__startupDoctorExit";
/** Writes queued events; the watchdog evaluates it on a paused, blocked main thread. */
export const FLUSH_GLOBAL = "__startupDoctorFlush";

const INLINE_MAP = /\n\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/;
const MAPPINGS_KEY = '"mappings":"';
// A "use strict" directive only counts before any other statement: our prologue repeats it.
const USE_STRICT = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(["'])use strict\1/;

export function wrapSource(source: string, url: string): string {
  const id = JSON.stringify(url);
  const enter = `globalThis.${ENTER_GLOBAL}(${id});`;
  const exit = `;globalThis.${EXIT_GLOBAL}(${id});`;
  // `#!` must stay the very first characters (runtime-facts §4.5).
  const newline = source.startsWith("#!") ? source.indexOf("\n") : -1;
  const head = source.startsWith("#!") ? (newline < 0 ? source : source.slice(0, newline + 1)) : "";
  // Sloppy-mode CommonJS stays sloppy, strict stays strict (the original directive becomes a no-op).
  const strict = USE_STRICT.test(source.slice(head.length)) ? '"use strict";' : "";
  const mapMatch = INLINE_MAP.exec(source);
  if (mapMatch && mapMatch[1]) {
    // tsx emits one minified line: a prologue on that line would shift every column, so it
    // gets a line of its own and the source map gets an empty line group (runtime-facts §4.5).
    const body = source.slice(head.length, mapMatch.index);
    const map = insertEmptyLine(Buffer.from(mapMatch[1], "base64").toString("utf8"), head ? 1 : 0);
    const encoded = Buffer.from(map, "utf8").toString("base64");
    return `${head}${strict}${enter}\n${body}\n${exit}\n//# sourceMappingURL=data:application/json;base64,${encoded}\n`;
  }
  // Without a source map, stay on the first line so line numbers do not move.
  return `${head}${strict}${enter}${source.slice(head.length)}\n${exit}\n`;
}

/** Inserts an empty generated line before generated line `atLine` (0-based). */
function insertEmptyLine(mapJson: string, atLine: number): string {
  const keyAt = mapJson.indexOf(MAPPINGS_KEY);
  if (keyAt < 0) return mapJson;
  let at = keyAt + MAPPINGS_KEY.length;
  const end = mapJson.indexOf('"', at);
  for (let line = 0; line < atLine; line++) {
    const semicolon = mapJson.indexOf(";", at);
    if (semicolon < 0 || semicolon > end) return mapJson;
    at = semicolon + 1;
  }
  return `${mapJson.slice(0, at)};${mapJson.slice(at)}`;
}
