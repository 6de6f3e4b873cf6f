/** .startup-doctor-baseline.json: known problems under keys that do not mention line numbers. */
export interface BaselineFile {
  version: 1;
  /** Runtime import cycles, each by its sorted module set (root-relative paths). */
  cycles: string[][];
  /** Other findings, by rule + file + enclosing symbol; `count` when one key covers several. */
  findings: BaselineFinding[];
}

export interface BaselineFinding {
  rule: string;
  file: string;
  key: string;
  count?: number;
}
