// A failed write as the user can act on it, in one line: the errno code and what it means.
const MEANINGS: Record<string, string> = {
  EISDIR: "is a directory",
  ENOTDIR: "a parent is not a directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  ENOENT: "no such folder",
  ENAMETOOLONG: "name too long",
  ELOOP: "too many symbolic links",
  EEXIST: "a file is in the way",
  EMFILE: "too many open files",
  EIO: "input/output error",
};

export function writeFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code) return MEANINGS[code] ? `${MEANINGS[code]} (${code})` : code;
  return error instanceof Error ? error.message.split("\n")[0] : String(error);
}

/** Whether an error is a file-system failure (an errno code), not a bug. */
export function isFileSystemError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" && /^E[A-Z]+$/.test(code);
}
