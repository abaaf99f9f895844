/** Types of build-if-stale.mjs (what `npm start` runs before the server). */
export interface BuildStep {
  /** The workspace, e.g. `@peerlens/core`. */
  readonly workspace: string;
  /** The package's folder, relative to the repository root. */
  readonly dir: string;
  /** Build output folders (relative to `dir`); all must exist. */
  readonly outputs: readonly string[];
  /** Inputs outside the package folder (relative to the root), besides the shared configuration. */
  readonly extraInputs?: readonly string[];
  /** The workspaces it imports (earlier in the order): rebuilt, or built after it, they make it stale. */
  readonly deps?: readonly string[];
}

/** The build order of the root package.json's `build` script. */
export const STEPS: readonly BuildStep[];
/** The newest modification time (ms) of the files under `path` (0 when there are none). */
export function newest(path: string, skip?: ReadonlySet<string>): number;
/** The workspaces to build, in order. */
export function staleSteps(root: string, steps?: readonly BuildStep[]): BuildStep[];
