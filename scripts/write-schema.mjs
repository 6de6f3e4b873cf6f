// Writes schema/startup-doctor.config.schema.json from the key table the validator uses
// (src/config/schema.ts), so the editors' schema can never drift from what is accepted.
import { mkdirSync, writeFileSync } from "node:fs";
import { configSchema } from "../dist/config/schema.js";

const dir = new URL("../schema/", import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL("startup-doctor.config.schema.json", dir), `${JSON.stringify(configSchema(), null, 2)}\n`);
