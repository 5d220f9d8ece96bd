/**
 * A section analysis and how far it has moved since it was analysed. An incremental re-parse
 * moves the sections after an edit without touching them; their ranges are shifted only when
 * something needs them (a story that must be rebuilt, an epic-level section).
 */
import type { SourceRange } from './types';
import type { SectionAnalysis } from './section';
import { shiftRange } from './source-range';
import { shiftSection } from './shift';

/** An analysis placed in the current note: its ranges plus `offset` characters and `lines` lines. */
export interface PlacedSection {
  readonly analysis: SectionAnalysis;
  readonly offset: number;
  readonly lines: number;
}

/** A freshly analysed section (not moved). */
export function placed(analysis: SectionAnalysis): PlacedSection {
  return { analysis, offset: 0, lines: 0 };
}

/** Note offset where the section starts now. */
export function startOf(section: PlacedSection): number {
  return section.analysis.range.from + section.offset;
}

/** 1-based line where the section starts now. */
export function lineOf(section: PlacedSection): number {
  return section.analysis.range.line + section.lines;
}

/** The section's content range (heading to last content) where it stands now. */
export function contentRangeOf(section: PlacedSection): SourceRange {
  return shiftRange(section.analysis.contentRange, section.offset, section.lines);
}

/** The analysis with its ranges where the section stands now (the same object when it has not moved). */
export function materialise(section: PlacedSection): SectionAnalysis {
  return shiftSection(section.analysis, section.offset, section.lines);
}
