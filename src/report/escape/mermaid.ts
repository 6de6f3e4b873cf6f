// Mermaid labels (inside `["..."]` and `|"..."|`): every character that Mermaid or the
// surrounding markdown fence could read as syntax becomes a Mermaid entity code (`#quot;`), so a
// file name cannot end the label, add nodes or directives, inject HTML or close the ``` block.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function mermaidLabel(s: string): string {
  return s.replace(CONTROLS, " ").replace(/[#"<>&`|%{}[\]()\\;:]/g, (ch) => `#${ch.charCodeAt(0)};`);
}
