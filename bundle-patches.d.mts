// Types of bundle-patches.mjs (esbuild.config.mjs runs it as JavaScript; tests import it).
import type { Plugin } from 'esbuild';

/** One textual patch of one dependency file. */
export interface DependencyPatch {
  /** The file under node_modules. */
  readonly file: string;
  readonly find: RegExp;
  readonly replace: string;
  /** How many times `find` matches the pinned dependency. */
  readonly count: number;
  /** Code added after the file. */
  readonly append?: string;
}

export const PATCHES: readonly DependencyPatch[];
export function patchFor(path: string): DependencyPatch | undefined;
export function applyPatch(patch: DependencyPatch, source: string): string;
export const dependencyPatches: Plugin;
