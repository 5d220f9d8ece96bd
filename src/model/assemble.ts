/**
 * The structural pass: groups analysed sections into the epic, its phases and its stories
 * (a story runs to the next story header or the next heading of its own level or higher), and
 * adds the note-wide diagnostics. A story whose sections did not change is reused as it was,
 * or moved as a whole when an edit above it shifted it.
 */
import type { Diagnostic, Epic, EpicSection, Phase, Risks, SourceRange, Story } from './types';
import type { PlacedSection } from './placed-section';
import type { SectionAnalysis, TitleInfo } from './section';
import type { StoryBuild } from './story';
import { compareDiagnostics, diagnostic, placeDiagnostic } from './diagnostics';
import { contentRangeOf, materialise } from './placed-section';
import { frontmatterEpicKey } from './section';
import { shiftRange } from './source-range';
import { shiftDiagnostic, shiftStory } from './shift';
import { buildStory, readStatusAndPriority } from './story';

/** The assembled note: the epic, its diagnostics, and the story builds for the next re-parse. */
export interface Assembly {
  readonly epic: Epic;
  readonly diagnostics: readonly Diagnostic[];
  /** Story builds by their header section's analysis, to reuse when nothing in the story changed. */
  readonly builds: ReadonlyMap<SectionAnalysis, StoryBuild>;
}

/**
 * The story of `sections[from, to)`: reused, moved as a whole, or built anew. Reuse needs the same
 * section analyses, all moved by the same amount, and the same inherited phase.
 */
function storyOf(sections: readonly PlacedSection[], from: number, to: number, phase: string | null, cached: StoryBuild | undefined): StoryBuild {
  const head = sections[from];
  if (head === undefined || head.analysis.story === null) throw new RangeError('a story group starts with a story header');
  if (cached !== undefined && Number.isFinite(cached.offset) && cached.inheritedPhase === phase && cached.sections.length === to - from) {
    let same = true;
    for (let i = from; i < to && same; i += 1) {
      const section = sections[i];
      same = section !== undefined && section.analysis === cached.sections[i - from] && section.offset === head.offset && section.lines === head.lines;
    }
    if (same) {
      const offset = head.offset - cached.offset;
      const lines = head.lines - cached.lines;
      if (offset === 0 && lines === 0) return cached;
      return {
        story: shiftStory(cached.story, offset, lines),
        diagnostics: cached.diagnostics.length === 0 ? cached.diagnostics : cached.diagnostics.map((d) => shiftDiagnostic(d, offset, lines)),
        sections: cached.sections,
        inheritedPhase: phase,
        offset: head.offset,
        lines: head.lines,
      };
    }
  }
  const group = sections.slice(from, to);
  const materialised = group.map(materialise);
  const { story, diagnostics } = buildStory(materialised[0]?.story ?? head.analysis.story, materialised, phase);
  // Recorded as unmoved when the sections moved unevenly: such a build is never shifted later.
  const uniform = group.every((section) => section.offset === head.offset && section.lines === head.lines);
  return {
    story,
    diagnostics,
    sections: group.map((section) => section.analysis),
    inheritedPhase: phase,
    offset: uniform ? head.offset : NaN,
    lines: uniform ? head.lines : NaN,
  };
}

/**
 * Assembles the epic from the note's sections (in note order, covering the whole note).
 * @param previous story builds of the previous parse, reused when their sections are the same
 */
export function assemble(sections: readonly PlacedSection[], previous?: ReadonlyMap<SectionAnalysis, StoryBuild>): Assembly {
  const builds = new Map<SectionAnalysis, StoryBuild>();
  const diagnostics: Diagnostic[] = [];
  const stories: Story[] = [];
  const phases: Phase[] = [];
  const epicSections: EpicSection[] = [];
  let title: TitleInfo | null = null;
  let summary: SectionAnalysis | null = null;
  let risks: Risks | null = null;
  let preamble: SectionAnalysis | null = null;
  let phaseName: string | null = null;
  let openPhase: { heading: SectionAnalysis; last: PlacedSection } | null = null;
  let junk: SourceRange | null = null;

  const closePhase = (): void => {
    if (openPhase === null) return;
    const { heading, last } = openPhase;
    const end = contentRangeOf(last);
    if (heading.phase !== null) {
      phases.push({
        name: heading.phase.name,
        number: heading.phase.number,
        headingRange: heading.headingRange ?? heading.range,
        range: { from: heading.range.from, to: end.to, line: heading.range.line, endLine: end.endLine },
      });
    }
    openPhase = null;
  };

  let i = 0;
  while (i < sections.length) {
    const section = sections[i];
    if (section === undefined) break;
    const analysis = section.analysis;
    if (junk === null && analysis.junk !== null) junk = shiftRange(analysis.junk, section.offset, section.lines);
    if (analysis.story !== null) {
      let end = i + 1;
      while (end < sections.length) {
        const next = sections[end];
        if (next === undefined || next.analysis.story !== null || next.analysis.level <= analysis.level) break;
        if (junk === null && next.analysis.junk !== null) junk = shiftRange(next.analysis.junk, next.offset, next.lines);
        end += 1;
      }
      const build = storyOf(sections, i, end, phaseName, previous?.get(analysis));
      builds.set(analysis, build);
      stories.push(build.story);
      for (const d of build.diagnostics) diagnostics.push(d);
      if (openPhase !== null) openPhase.last = sections[end - 1] ?? section;
      i = end;
      continue;
    }
    if (analysis.level === 1 || analysis.level === 2) {
      closePhase();
      phaseName = analysis.phase?.name ?? null;
      if (analysis.phase !== null) openPhase = { heading: materialise(section), last: section };
    } else if (openPhase !== null) {
      openPhase.last = section;
    }
    if (analysis.level === 0) {
      preamble = materialise(section);
      for (const local of preamble.diagnostics) diagnostics.push(placeDiagnostic(local));
    } else if (analysis.title !== null && title === null) {
      title = materialise(section).title;
    } else if (analysis.isSummary && summary === null) {
      summary = materialise(section);
    } else if (analysis.isRisks && risks === null) {
      risks = { markdown: analysis.markdown, rows: analysis.rows, range: contentRangeOf(section) };
    } else if (analysis.phase === null || analysis.level !== 2) {
      epicSections.push({ name: analysis.name, markdown: analysis.markdown, range: contentRangeOf(section) });
    }
    i += 1;
  }
  closePhase();

  const frontmatter = preamble?.frontmatter ?? null;
  const fields = summary?.fields ?? [];
  const { status, priority } = readStatusAndPriority(fields);
  if (status !== null && !status.known) {
    diagnostics.push(diagnostic('warning', 'unknown-status', `The epic status "${status.raw}" is not one we know; it reads as planned.`, status.range));
  }
  if (priority !== null && !priority.known) {
    diagnostics.push(diagnostic('warning', 'unknown-priority', `The epic priority "${priority.raw}" is not one we know; it reads as medium.`, priority.range));
  }

  const seen = new Map<string, Story>();
  for (const story of stories) {
    const earlier = seen.get(story.id);
    if (earlier === undefined) seen.set(story.id, story);
    else diagnostics.push(diagnostic('error', 'duplicate-story-id', `The story id is used twice (first on line ${earlier.headerRange.line}); give each story its own id.`, story.idRange, story.id));
  }
  if (stories.length === 0) {
    const where = title?.titleRange ?? { from: 0, to: 0, line: 1, endLine: 1 };
    diagnostics.push(diagnostic('warning', 'no-stories', 'No stories found; a story header looks like "### 🔧 US-001: Title".', where));
  }
  if (junk !== null) {
    diagnostics.push(diagnostic('info', 'invalid-characters', 'The note contains invalid characters (NUL, control characters or broken emoji); they are kept as they are.', junk));
  }
  diagnostics.sort(compareDiagnostics);

  const trackerValue = frontmatter?.data['tracker'];
  const epic: Epic = {
    key: frontmatter === null ? null : frontmatterEpicKey(frontmatter.data),
    tracker: typeof trackerValue === 'string' && trackerValue.trim() !== '' ? trackerValue.trim() : null,
    title: title?.title ?? null,
    type: title?.type ?? null,
    titleRange: title?.titleRange ?? null,
    tagline: title?.tagline ?? null,
    frontmatter,
    fields,
    status,
    priority,
    sections: epicSections,
    risks,
    phases,
    stories,
  };
  return { epic, diagnostics, builds };
}
