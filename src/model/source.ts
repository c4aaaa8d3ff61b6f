// Where something is declared in the environment files: every check and finding points there.

export interface SourceRef {
  /** Path relative to the working directory, with forward slashes. */
  file: string
  /** 1-based. */
  line: number
  /** 1-based. */
  column: number
}
