// The analysis runs off the main thread, so the progress line keeps moving while a large project
// is scanned, and Ctrl-C stops the scan at once. In a real pseudo-terminal.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, test } from "node:test";
import { largeProject } from "../helpers/large-project.ts";
import { inPty, noPty, type Chunk } from "../helpers/pty.ts";

// About 4 s to scan on this 2-core machine when it is quiet, more under load.
const project = noPty ? "" : largeProject(6000);
after(() => project && rmSync(project, { recursive: true, force: true }));

/**
 * Frames the spinner drew, each stamped with when its last byte arrived. ora writes a frame as one
 * synchronized-output block (ESC[?2026h ... ESC[?2026l), in several writes that the terminal may
 * deliver as separate chunks, so frames are cut from the whole stream, not from each chunk.
 */
function frames(chunks: Chunk[]): Array<{ at: number; text: string }> {
  const out: Array<{ at: number; text: string }> = [];
  let open: string | null = null;
  for (const chunk of chunks) {
    let rest = chunk.text;
    while (rest.length > 0) {
      if (open === null) {
        const start = rest.indexOf("\u001b[?2026h");
        if (start < 0) break;
        open = "";
        rest = rest.slice(start + "\u001b[?2026h".length);
        continue;
      }
      const end = rest.indexOf("\u001b[?2026l");
      if (end < 0) {
        open += rest;
        break;
      }
      out.push({ at: chunk.at, text: (open + rest.slice(0, end)).replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "") });
      open = null;
      rest = rest.slice(end + "\u001b[?2026l".length);
    }
  }
  return out;
}

test("while a large project is scanned the progress changes at least once a second and counts the files parsed", { skip: noPty, timeout: 180_000 }, async () => {
  const term = inPty(["scan", project], { cwd: project });
  const { code } = await term.exited;
  assert.equal(code, 0, term.output().slice(-500));
  const drawn = frames(term.chunks);
  assert.ok(drawn.length >= 5, `only ${drawn.length} frames`);
  // The longest time the screen kept one frame: the spinner turns even when no count moves, and
  // a blocked main thread stops both.
  let worst = 0;
  let changedAt = drawn[0]!.at;
  for (let i = 1; i < drawn.length; i++) {
    if (drawn[i]!.text === drawn[i - 1]!.text) continue;
    worst = Math.max(worst, drawn[i]!.at - changedAt);
    changedAt = drawn[i]!.at;
  }
  assert.ok(worst < 1000, `the progress froze for ${worst} ms`);
  const counts = [...new Set(drawn.map((f) => /Parsing files (\d+)\/6000/.exec(f.text)?.[1]).filter((n): n is string => n !== undefined))].map(Number);
  assert.ok(counts.length >= 2, `parse counts seen: ${counts.join(", ")}`);
  assert.deepEqual(counts, [...counts].sort((a, b) => a - b), "the count only goes up");
  const span = (drawn.at(-1)?.at ?? 0) - (drawn[0]?.at ?? 0);
  process.stdout.write(`# ${drawn.length} frames in ${span} ms (${Math.round((1000 * drawn.length) / Math.max(1, span))}/s), longest unchanged ${worst} ms\n`);
});

test("Ctrl-C while the analysis parses exits 130 within a second", { skip: noPty, timeout: 180_000 }, async () => {
  const term = inPty(["scan", project], { cwd: project });
  await term.waitFor(/Parsing files \d+\/6000/, 120_000);
  const typedAt = Date.now();
  term.type("\x03");
  const { code, at } = await term.exited;
  assert.equal(code, 130, term.output().slice(-300));
  assert.ok(at - typedAt < 1000, `exited ${at - typedAt} ms after Ctrl-C`);
  assert.doesNotMatch(term.output(), /No startup problems found/, "the scan did not run to its end");
});
