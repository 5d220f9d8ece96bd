/**
 * A section analysis and how far it has moved since it was analysed. An incremental re-parse
 * moves the sections after an edit without touching them; their ranges are shifted only when
 * something needs them (a story that must be rebuilt, an epic-level section). A parse keeps its
 * sections as `PlacedSections`: the analyses and their moves in parallel arrays, so moving the
 * thousands of sections after an edit creates no object per section (plain arrays: a typed array's
 * buffer costs a browser more to allocate than the copy).
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

/**
 * The sections of a parse, in note order: section `i` is `analyses[i]` moved `offsets[i]`
 * characters and `lines[i]` lines. Immutable (the arrays are never written after construction).
 */
export class PlacedSections {
  /**
   * @param analyses the section analyses
   * @param offsets characters each has moved since analysed (same length as `analyses`)
   * @param lines lines each has moved since analysed (same length as `analyses`)
   */
  constructor(readonly analyses: readonly SectionAnalysis[], readonly offsets: readonly number[], readonly lines: readonly number[]) {}

  /** Freshly analysed sections (none moved). */
  static fresh(analyses: readonly SectionAnalysis[]): PlacedSections {
    return new PlacedSections(analyses, new Array<number>(analyses.length).fill(0), new Array<number>(analyses.length).fill(0));
  }

  /** The number of sections. */
  get length(): number {
    return this.analyses.length;
  }

  /** Section `i` as one object (a new one per call), or undefined past the end. */
  at(i: number): PlacedSection | undefined {
    const analysis = this.analyses[i];
    return analysis === undefined ? undefined : { analysis, offset: this.offsets[i] ?? 0, lines: this.lines[i] ?? 0 };
  }

  /** Note offset where section `i` starts now. */
  startOf(i: number): number {
    return (this.analyses[i]?.range.from ?? 0) + (this.offsets[i] ?? 0);
  }

  /** 1-based line where section `i` starts now. */
  lineOf(i: number): number {
    return (this.analyses[i]?.range.line ?? 0) + (this.lines[i] ?? 0);
  }
}
