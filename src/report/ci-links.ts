// Where a reviewer can open a reported file at the analysed commit, from the CI's own variables
// (GitHub Actions, GitLab CI). Pure: the CLI passes process.env in.
export interface SourceLinks {
  /** URL of the repository tree at the commit, ending in "/": file paths (repository-relative) follow. */
  base: string;
  /** How a line is addressed after the path ("#L12"). */
  line: (line: number) => string;
}

export function sourceLinksFrom(env: Record<string, string | undefined>): SourceLinks | undefined {
  const sha = (s: string | undefined): s is string => typeof s === "string" && /^[0-9a-f]{7,64}$/i.test(s);
  const url = (s: string | undefined): s is string => typeof s === "string" && /^https?:\/\/[^\s"'<>`]+$/.test(s);
  if (url(env.GITHUB_SERVER_URL) && env.GITHUB_REPOSITORY && /^[\w.-]+\/[\w.-]+$/.test(env.GITHUB_REPOSITORY) && sha(env.GITHUB_SHA)) {
    return { base: `${env.GITHUB_SERVER_URL.replace(/\/$/, "")}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}/`, line: (n) => `#L${n}` };
  }
  if (url(env.CI_PROJECT_URL) && sha(env.CI_COMMIT_SHA)) {
    return { base: `${env.CI_PROJECT_URL.replace(/\/$/, "")}/-/blob/${env.CI_COMMIT_SHA}/`, line: (n) => `#L${n}` };
  }
  return undefined;
}
