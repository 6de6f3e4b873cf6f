/** Bad command-line usage: exit code 2, one line on stderr. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Input that cannot be analysed (missing folder, malformed tsconfig...): exit code 2, one line. */
export class InputError extends Error {
  override name = "InputError";
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
