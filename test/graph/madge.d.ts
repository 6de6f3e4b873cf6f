// The slice of madge's JavaScript API the oracle test uses (madge ships no types).
declare module "madge" {
  interface MadgeConfig {
    baseDir?: string;
    fileExtensions?: string[];
    tsConfig?: string | object;
    detectiveOptions?: Record<string, Record<string, boolean>>;
    excludeRegExp?: RegExp[];
  }
  interface MadgeResult {
    obj(): Record<string, string[]>;
    circular(): string[][];
    warnings(): { skipped: string[] };
  }
  function madge(path: string | string[], config?: MadgeConfig): Promise<MadgeResult>;
  export default madge;
}
