// A --cache blob is sealed with a key the analysed project cannot know: HMAC-SHA256 over the
// serialised bytes, checked before anything is deserialised. The default cache folder is inside the
// project (node_modules/.cache), so a pull request can commit blobs of its own there; unsealed, a
// forged facts entry with the right content hash would hide a finding. The key is this user's
// (kept in a private per-user folder) unless STARTUP_DOCTOR_CACHE_KEY gives one, which is how CI runners
// that restore the cache on fresh machines share it.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { privateDir } from "../../util/private-dir.js";

const MAGIC = Buffer.from("SDC1");
const MAC_BYTES = 32;
const CACHE_KEY_ENV = "STARTUP_DOCTOR_CACHE_KEY";

let key: Buffer | null | undefined;

/** The sealing key, or null when none can be kept privately (then no cache is read or written). */
export function cacheKey(): Buffer | null {
  const given = process.env[CACHE_KEY_ENV];
  if (given) return createHash("sha256").update(given).digest();
  if (key !== undefined) return key;
  // In the user's cache folder, which outlives a reboot (a new key only costs one cold run); the
  // temp directory when there is none.
  const home = process.env.XDG_CACHE_HOME || (homedir() ? join(homedir(), ".cache") : "");
  const dir = (home && privateDir("startup-doctor-key", home)) || privateDir("startup-doctor-key");
  key = dir ? userKey(join(dir, "cache.key")) : null;
  return key;
}

function userKey(file: string): Buffer | null {
  try {
    writeFileSync(file, randomBytes(32), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") return null;
  }
  try {
    const bytes = readFileSync(file);
    return bytes.length === 32 ? bytes : null;
  } catch {
    return null;
  }
}

export function seal(payload: Uint8Array, secret: Buffer): Buffer {
  const mac = createHmac("sha256", secret).update(payload).digest();
  return Buffer.concat([MAGIC, mac, payload]);
}

/** The payload of a blob sealed with this key, or null (unsealed, another key, or altered). */
export function unseal(blob: Buffer, secret: Buffer): Buffer | null {
  if (blob.length < MAGIC.length + MAC_BYTES || !blob.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const mac = blob.subarray(MAGIC.length, MAGIC.length + MAC_BYTES);
  const payload = blob.subarray(MAGIC.length + MAC_BYTES);
  const expected = createHmac("sha256", secret).update(payload).digest();
  return timingSafeEqual(mac, expected) ? payload : null;
}
