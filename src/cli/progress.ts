// A spinner on stderr, only for humans: a TTY, pretty output, colour allowed.
import type { Ora } from "ora";

export interface Progress {
  text(message: string): void;
  stop(): void;
}

const silent: Progress = { text: () => {}, stop: () => {} };

export async function startProgress(enabled: boolean, message: string): Promise<Progress> {
  // A terminal that reports 0 columns (a pty with no size) sends ora 9 into an endless clear loop.
  if (!enabled || !process.stderr.isTTY || !process.stderr.columns) return silent;
  const { default: ora } = await import("ora");
  // chalk (and so ora) ignores NO_COLOR: https://no-color.org asks for no colour at all.
  const spinner: Ora = ora({ text: message, stream: process.stderr, ...(process.env.NO_COLOR ? { color: false } : {}) }).start();
  return {
    text: (m) => {
      spinner.text = m;
    },
    stop: () => spinner.stop(),
  };
}
