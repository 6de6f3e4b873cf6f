// GitHub Actions workflow commands (`--format github`): data and properties escaped as the
// runner unescapes them (actions/runner ActionCommand: %25 %0D %0A, and %3A %2C in properties),
// other control characters dropped so an annotation cannot carry terminal sequences.
const CONTROLS = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function escapeData(s: string): string {
  return s.replace(CONTROLS, "").replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
