/**
 * Diagnostics: found while analysing one section (without knowing its story), then placed —
 * named after their story — when the epic is assembled.
 */
import type { Diagnostic, DiagnosticCode, Severity, SourceRange } from './types';

/** A problem found inside one section, before its story is known. */
export interface LocalDiagnostic {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  /** One sentence, starting with a capital, without the story id (added when placed). */
  readonly message: string;
  readonly range: SourceRange;
}

/** A diagnostic at `range`, named after `storyId` when given ("US-001: …"). */
export function diagnostic(severity: Severity, code: DiagnosticCode, message: string, range: SourceRange, storyId?: string): Diagnostic {
  if (storyId === undefined) return { severity, code, message, line: range.line, from: range.from, to: range.to };
  return { severity, code, message: `${storyId}: ${message}`, line: range.line, from: range.from, to: range.to, storyId };
}

/** A local diagnostic placed in its story (or in no story). */
export function placeDiagnostic(local: LocalDiagnostic, storyId?: string): Diagnostic {
  return diagnostic(local.severity, local.code, local.message, local.range, storyId);
}

/** Note order: by offset, then by end, then by code (a stable, reviewable order). */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.from - b.from || a.to - b.to || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
