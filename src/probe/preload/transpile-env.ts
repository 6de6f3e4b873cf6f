// How the parent tells the TypeScript transform preload what to compile with.
/** Absolute path of the typescript module to load: the project's own, else startup-doctor's. */
export const ENV_TS_MODULE = "STARTUP_DOCTOR_TS_MODULE";
/** Absolute path of the tsconfig whose compilerOptions the transform honours. */
export const ENV_TSCONFIG = "STARTUP_DOCTOR_TSCONFIG";
/** "1" when the build rewrites tsconfig `paths` aliases (nest build, tsc-alias), so the transform resolves them too. */
export const ENV_TS_PATHS = "STARTUP_DOCTOR_TS_PATHS";
/** A fingerprint of the TypeScript version and compilerOptions, set by the parent: keys the compile cache. */
export const ENV_TS_KEY = "STARTUP_DOCTOR_TS_KEY";
