// What the analysis tells a progress display while it runs (agreed between speed and adoption:
// /work/notes/COMMON.md "Agreed interfaces"). Plain data: it may cross a worker boundary.
export interface AnalysisProgress {
  phase: "discover" | "parse" | "resolve" | "rules";
  done: number;
  total: number;
}

export type AnalysisProgressListener = (e: AnalysisProgress) => void;
