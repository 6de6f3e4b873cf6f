// A spinner on stderr, only for humans: a TTY, pretty output, colour allowed.
import type { Ora } from "ora";

export interface Progress {
  text(message: string): void;
  stop(): void;
}

const silent: Progress = { text: () => {}, stop: () => {} };

export async function startProgress(enabled: boolean, message: string): Promise<Progress> {
  if (!enabled || !process.stderr.isTTY) return silent;
  const { default: ora } = await import("ora");
  const spinner: Ora = ora({ text: message, stream: process.stderr }).start();
  return {
    text: (m) => {
      spinner.text = m;
    },
    stop: () => spinner.stop(),
  };
}
