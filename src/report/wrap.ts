// Word-wrapping of reporter lines to a terminal width. Colour codes take no columns; a
// continuation row keeps the line's indentation plus two spaces, so a wrapped paragraph still
// reads as one item; a word longer than the row (a long path) is cut where the row ends.
const SGR = /\u001b\[[0-9;]*m/g;

export function visibleLength(text: string): number {
  return text.replace(SGR, "").length;
}

/** Each line of `text` wrapped to `width` columns; width undefined or too small: unchanged. */
export function wrapLines(lines: string[], width: number | undefined): string[] {
  if (!width || width < 20) return lines;
  return lines.flatMap((line) => wrapLine(line, width));
}

function wrapLine(line: string, width: number): string[] {
  if (visibleLength(line) <= width) return [line];
  const indent = /^ */.exec(line)?.[0] ?? "";
  const hanging = `${indent}  `.slice(0, Math.max(0, width - 10));
  const rows: string[] = [];
  let row = indent;
  let rowLength = indent.length;
  const rowStart = (): number => (rows.length === 0 ? indent.length : hanging.length);
  for (const word of line.slice(indent.length).split(/ +/)) {
    if (word === "") continue;
    let rest = word;
    let restLength = visibleLength(rest);
    const room = rowLength > rowStart() ? width - rowLength - 1 : width - rowLength;
    if (restLength <= room) {
      row += rowLength > rowStart() ? ` ${rest}` : rest;
      rowLength += (rowLength > rowStart() ? 1 : 0) + restLength;
      continue;
    }
    if (rowLength > rowStart()) {
      rows.push(row);
      row = hanging;
      rowLength = hanging.length;
    }
    while (restLength > width - rowLength) {
      const [head, tail] = splitVisible(rest, width - rowLength);
      rows.push(row + head);
      row = hanging;
      rowLength = hanging.length;
      rest = tail;
      restLength = visibleLength(rest);
    }
    row += rest;
    rowLength += restLength;
  }
  if (rowLength > rowStart() || rows.length === 0) rows.push(row);
  return rows;
}

/** The first `columns` visible characters of `text` and the rest, colour codes kept whole. */
function splitVisible(text: string, columns: number): [string, string] {
  let seen = 0;
  let i = 0;
  while (i < text.length && seen < columns) {
    const code = text[i] === "\u001b" ? /^\u001b\[[0-9;]*m/.exec(text.slice(i)) : null;
    if (code) i += code[0].length;
    else {
      i += 1;
      seen += 1;
    }
  }
  return [text.slice(0, i), text.slice(i)];
}
