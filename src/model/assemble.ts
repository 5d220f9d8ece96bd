/**
 * The structural pass: groups analysed sections into the epic, its phases and its stories
 * (a story runs to the next story header or the next heading of its own level or higher), and
 * adds the note-wide diagnostics. A story whose sections did not change is reused as it was,
 * or moved as a whole when an edit above it shifted it.
 */
import type { Diagnostic, Epic, EpicSection, Phase, Risks, SourceRange, Story } from './types';
import type { PlacedSection, PlacedSections } from './placed-section';
import type { SectionAnalysis, TitleInfo } from './section';
import type { StoryBuild } from './story';
import { compareDiagnostics, diagnostic, placeDiagnostic } from './diagnostics';
import { contentRangeOf, materialise } from './placed-section';
import { frontmatterEpicKey } from './section';
import { shiftRange } from './source-range';
import { shiftDiagnostic } from './shift';
import { shiftStory } from './moved-story';
import { buildStory, readStatusAndPriority } from './story';
import { STATUS_WORDS_HINT } from './vocabulary';

/** The story groups of an assembled note, in note order: what the next re-parse reuses. */
export interface StoryGroups {
  readonly builds: readonly StoryBuild[];
  /** Section index of each story's header (parallel to `builds`). */
  readonly starts: readonly number[];
  /** Section index just past each story's last section (parallel to `builds`). */
  readonly ends: readonly number[];
  /** The stories' ids when no two are the same, else null: a re-parse that keeps the ids keeps the set. */
  readonly ids: ReadonlySet<string> | null;
}

/** The assembled note: the epic, its diagnostics, and the story groups for the next re-parse. */
export interface Assembly {
  readonly epic: Epic;
  readonly diagnostics: readonly Diagnostic[];
  readonly groups: StoryGroups;
  /** What the stories kept of the previous ones (`previous`'s), for the editor's marks. */
  readonly kept: KeptStories;
}

/**
 * How the stories of a re-parse relate to the previous parse's (those of `StoryGroups` `from`):
 * the first `head` are the previous first `head`, the same objects; the last `tail` are the
 * previous last `tail`, each moved by `offset` characters. Both 0 for a fresh parse.
 */
export interface KeptStories {
  readonly from: StoryGroups | null;
  readonly head: number;
  readonly tail: number;
  readonly offset: number;
}

/**
 * Where the sections of a re-parse came from: `[0, unchangedBefore)` are the previous sections
 * as they were; from `movedFrom` on, they are the previous sections from `movedFrom - indexDelta`
 * on, moved by `offset` characters and `lines` lines; in between, new analyses (the one at
 * `unchangedBefore` may be the previous one again). `movedFrom` is -1 when nothing after the edit
 * was kept. A fresh parse has no window.
 */
export interface EditWindow {
  readonly unchangedBefore: number;
  readonly movedFrom: number;
  readonly indexDelta: number;
  readonly offset: number;
  readonly lines: number;
}

/** The first invalid-character range in `sections[from, to)`, where they stand now. */
function junkIn(sections: PlacedSections, from: number, to: number): SourceRange | null {
  for (let i = from; i < to; i += 1) {
    const junk = sections.analyses[i]?.junk;
    if (junk !== null && junk !== undefined) return shiftRange(junk, sections.offsets[i] ?? 0, sections.lines[i] ?? 0);
  }
  return null;
}

/**
 * The story of `sections[from, to)`: reused, moved as a whole, or built anew. Reuse needs the same
 * section analyses, all moved by the same amount, and the same inherited phase.
 */
function storyOf(sections: PlacedSections, from: number, to: number, phase: string | null, cached: StoryBuild | undefined): StoryBuild {
  const head = sections.at(from);
  if (head === undefined || head.analysis.story === null) throw new RangeError('a story group starts with a story header');
  if (cached !== undefined && Number.isFinite(cached.offset) && cached.inheritedPhase === phase && cached.sections.length === to - from) {
    let same = true;
    for (let i = from; i < to && same; i += 1) {
      same = sections.analyses[i] === cached.sections[i - from] && sections.offsets[i] === head.offset && sections.lines[i] === head.lines;
    }
    if (same) return moveBuild(cached, head.offset - cached.offset, head.lines - cached.lines);
  }
  const group: PlacedSection[] = [];
  for (let i = from; i < to; i += 1) {
    const section = sections.at(i);
    if (section !== undefined) group.push(section);
  }
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
    junk: junkIn(sections, from, to),
  };
}

/** A build moved as a whole by `offset` characters and `lines` lines (the same build when both are 0). */
function moveBuild(build: StoryBuild, offset: number, lines: number): StoryBuild {
  if (offset === 0 && lines === 0) return build;
  return {
    story: shiftStory(build.story, offset, lines),
    diagnostics: build.diagnostics.length === 0 ? build.diagnostics : build.diagnostics.map((d) => shiftDiagnostic(d, offset, lines)),
    sections: build.sections,
    inheritedPhase: build.inheritedPhase,
    offset: build.offset + offset,
    lines: build.lines + lines,
    junk: build.junk === null ? null : shiftRange(build.junk, offset, lines),
  };
}

/**
 * Where each previous story group stands in the new sections: `start` is its header's new index
 * (-1 when its header was analysed anew), `reusable` says the whole group is untouched (before the
 * edit and ended before it, or after it), so it can be taken over without looking at its sections.
 */
function placeGroups(previous: StoryGroups, window: EditWindow | undefined): { starts: number[]; reusable: number[] } {
  const count = previous.builds.length;
  const starts = new Array<number>(count).fill(-1);
  const reusable = new Array<number>(count).fill(0);
  if (window === undefined) return { starts, reusable };
  const oldMovedFrom = window.movedFrom === -1 ? Infinity : window.movedFrom - window.indexDelta;
  for (let k = 0; k < count; k += 1) {
    const start = previous.starts[k] ?? 0;
    const end = previous.ends[k] ?? 0;
    if (start < window.unchangedBefore) {
      starts[k] = start;
      // The section that ended the group must be unchanged too: an edit there may extend it.
      reusable[k] = end < window.unchangedBefore ? 1 : 0;
    } else if (start === window.unchangedBefore) {
      starts[k] = start;
    } else if (start >= oldMovedFrom) {
      starts[k] = start + window.indexDelta;
      reusable[k] = 1;
    }
  }
  return { starts, reusable };
}

/**
 * True when the previous stories' ids were all different and the stories now are the same ids:
 * those not taken over (`takenOver[k]` 0) are, as a multiset, the ones checked now (`checked`).
 * Costs the stories not taken over, plus one pass over a byte per previous story.
 */
function sameIds(previous: StoryGroups | undefined, takenOver: readonly number[] | null, checked: readonly string[]): boolean {
  if (previous === undefined || previous.ids === null || takenOver === null) return false;
  const dropped: string[] = [];
  for (let k = 0; k < takenOver.length; k += 1) {
    if (takenOver[k] === 1) continue;
    const id = previous.builds[k]?.story.id;
    if (id === undefined || dropped.length === checked.length) return false;
    dropped.push(id);
  }
  if (dropped.length !== checked.length) return false;
  const a = [...dropped].sort();
  const b = [...checked].sort();
  return a.every((id, k) => id === b[k]);
}

/**
 * Assembles the epic from the note's sections (in note order, covering the whole note).
 * @param previous the story groups of the previous parse
 * @param window how the sections relate to the previous parse's (absent: nothing is known, every
 *   story is built or checked section by section)
 */
export function assemble(sections: PlacedSections, previous?: StoryGroups, window?: EditWindow): Assembly {
  const builds: StoryBuild[] = [];
  const groupStarts: number[] = [];
  const groupEnds: number[] = [];
  const diagnostics: Diagnostic[] = [];
  const stories: Story[] = [];
  const phases: Phase[] = [];
  const epicSections: EpicSection[] = [];
  let title: TitleInfo | null = null;
  let titleIndex = -1;
  // Problems of sections outside every story (a heading that misses the story header form), by section index.
  const loose: { index: number; diagnostic: Diagnostic }[] = [];
  let summary: SectionAnalysis | null = null;
  let risks: Risks | null = null;
  let preamble: SectionAnalysis | null = null;
  let phaseName: string | null = null;
  // The phase heading, and the index of the last section in the phase so far.
  let openPhase: { heading: PlacedSection; last: number } | null = null;
  let junk: SourceRange | null = null;
  const placedGroups = previous === undefined ? null : placeGroups(previous, window);
  // Previous groups are met in note order; `next` is the first one not yet passed.
  let next = 0;

  // Ids of the stories built or checked section by section, and of the previous ones taken over
  // unseen (by index): when the first are the previous stories' ids less the second, the ids are
  // the previous ones and so is the answer to whether any repeats.
  const checkedIds: string[] = [];
  // The leading stories that are the previous ones at the same index, and the run of moved
  // previous stories the note ends with so far (`tailFrom`: its first index; -1: none).
  let keptHead = 0;
  let tailFrom = -1;
  let tailShift = 0;
  const takenOver = previous === undefined ? null : new Array<number>(previous.builds.length).fill(0);

  const addStory = (build: StoryBuild, from: number, to: number): void => {
    builds.push(build);
    groupStarts.push(from);
    groupEnds.push(to);
    stories.push(build.story);
    for (const d of build.diagnostics) diagnostics.push(d);
    if (junk === null && build.junk !== null) junk = build.junk;
    if (openPhase !== null) openPhase.last = to - 1;
  };

  const closePhase = (): void => {
    if (openPhase === null) return;
    const { heading, last } = openPhase;
    const { phase, headingRange, range } = heading.analysis;
    if (phase !== null) {
      // Only the heading's ranges are placed: materialising the whole analysis of every phase
      // heading after an edit would shift all of its parts.
      const end = contentRangeOf(sections.at(last) ?? heading);
      phases.push({
        name: phase.name,
        number: phase.number,
        headingRange: shiftRange(headingRange ?? range, heading.offset, heading.lines),
        range: { from: range.from + heading.offset, to: end.to, line: range.line + heading.lines, endLine: end.endLine },
      });
    }
    openPhase = null;
  };

  let i = 0;
  while (i < sections.length) {
    let candidate: StoryBuild | undefined;
    if (previous !== undefined && placedGroups !== null) {
      while (next < previous.builds.length && (placedGroups.starts[next] ?? -1) < i) next += 1;
      const build = previous.builds[next];
      if (build !== undefined && placedGroups.starts[next] === i) {
        candidate = build;
        if (placedGroups.reusable[next] === 1 && build.inheritedPhase === phaseName && window !== undefined) {
          // Untouched by the edit: taken over (moved when it lies after the edit) unseen.
          const before = (previous.starts[next] ?? 0) < window.unchangedBefore;
          const end = (previous.ends[next] ?? 0) + (before ? 0 : window.indexDelta);
          const moved = before ? build : moveBuild(build, window.offset, window.lines);
          if (before && keptHead === stories.length && next === stories.length) keptHead += 1;
          if (before) tailFrom = -1;
          else if (tailFrom === -1 || stories.length - next !== tailShift) {
            tailFrom = stories.length;
            tailShift = stories.length - next;
          }
          addStory(moved, i, end);
          if (takenOver !== null) takenOver[next] = 1;
          next += 1;
          i = end;
          continue;
        }
      }
    }
    const section = sections.at(i);
    if (section === undefined) break;
    const analysis = section.analysis;
    if (analysis.story !== null) {
      let end = i + 1;
      while (end < sections.length) {
        const following = sections.analyses[end];
        if (following === undefined || following.story !== null || following.level <= analysis.level) break;
        end += 1;
      }
      const build = storyOf(sections, i, end, phaseName, candidate);
      checkedIds.push(build.story.id);
      tailFrom = -1;
      addStory(build, i, end);
      i = end;
      continue;
    }
    if (junk === null && analysis.junk !== null) junk = shiftRange(analysis.junk, section.offset, section.lines);
    // What the parser bounds left unread outside stories is reported too (level 0: with the preamble below).
    if (analysis.level > 0 && analysis.diagnostics.length > 0) {
      for (const local of materialise(section).diagnostics) if (local.code === 'section-not-parsed' || local.code === 'markdown-capped') diagnostics.push(placeDiagnostic(local));
    }
    if (analysis.level === 1 || analysis.level === 2) {
      closePhase();
      phaseName = analysis.phase?.name ?? null;
      if (analysis.phase !== null) openPhase = { heading: section, last: i };
    } else if (openPhase !== null) {
      openPhase.last = i;
    }
    if (analysis.level === 0) {
      preamble = materialise(section);
      for (const local of preamble.diagnostics) diagnostics.push(placeDiagnostic(local));
    } else if (analysis.diagnostics.length > 0) {
      for (const local of materialise(section).diagnostics) loose.push({ index: i, diagnostic: placeDiagnostic(local) });
    }
    if (analysis.level === 0) {
      // The preamble is nothing else.
    } else if (analysis.title !== null && title === null) {
      title = materialise(section).title;
      titleIndex = i;
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

  // A standalone story file (issue 12 class 4): no story header below the H1, and the H1 is one.
  // The H1 and every section up to the next H1 are that story; the note has no epic title.
  let storyEnd = -1;
  const standalone = stories.length === 0 ? title?.story ?? null : null;
  if (standalone !== null && title !== null) {
    storyEnd = titleIndex + 1;
    while (storyEnd < sections.length && (sections.analyses[storyEnd]?.level ?? 0) > 1) storyEnd += 1;
    const group: SectionAnalysis[] = [];
    for (let k = titleIndex; k < storyEnd; k += 1) {
      const section = sections.at(k);
      if (section !== undefined) group.push(materialise(section));
    }
    const built = buildStory(standalone, group, null);
    stories.push(built.story);
    for (const d of built.diagnostics) diagnostics.push(d);
    // Its sections were taken for epic sections on the way: they are the story's.
    const storyFrom = group[0]?.range.from ?? 0;
    const storyTo = group[group.length - 1]?.range.to ?? storyFrom;
    for (let k = epicSections.length - 1; k >= 0; k -= 1) {
      const from = epicSections[k]?.range.from ?? -1;
      if (from >= storyFrom && from < storyTo) epicSections.splice(k, 1);
    }
    title = null;
  }
  for (const { index, diagnostic: found } of loose) if (index < titleIndex || index >= storyEnd) diagnostics.push(found);

  const frontmatter = preamble?.frontmatter ?? null;
  const fields = summary?.fields ?? [];
  const { status, priority } = readStatusAndPriority(fields);
  if (status !== null && !status.known) {
    diagnostics.push(diagnostic('warning', 'unknown-status', `The epic status "${status.raw}" is not one we know (the whole value must be one status); it counts as planned. Write one of ${STATUS_WORDS_HINT}.`, status.range));
  }
  if (priority !== null && !priority.known) {
    diagnostics.push(diagnostic('warning', 'unknown-priority', `The epic priority "${priority.raw}" is not one we know; it reads as medium. Write Critical, High, Medium or Low.`, priority.range));
  }

  // A set of the ids tells in one native pass whether any id repeats; only then are the repeats
  // looked for one by one. A re-parse that kept the ids (typing inside a story) keeps the set.
  let idSet = standalone === null && sameIds(previous, takenOver, checkedIds) ? previous?.ids ?? null : null;
  if (idSet === null) {
    // The ids are read only here: most re-parses keep the set.
    const all = new Set(stories.map((story) => story.id));
    idSet = all.size === stories.length ? all : null;
  }
  const seen = new Map<string, Story>();
  for (const story of idSet !== null ? [] : stories) {
    const earlier = seen.get(story.id);
    if (earlier === undefined) seen.set(story.id, story);
    else diagnostics.push(diagnostic('error', 'duplicate-story-id', `The story id is used twice (first on line ${earlier.headerRange.line}); give each story its own id.`, story.idRange, story.id));
  }
  if (stories.length === 0) {
    const where = title?.titleRange ?? { from: 0, to: 0, line: 1, endLine: 1 };
    // An error: nothing can be validated or synced in a note without stories.
    diagnostics.push(diagnostic('error', 'no-stories', 'No stories found; write a story header like "### 🔧 US-001: Title" (a heading of level 2 to 4: id, colon, title).', where));
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
  // The moved run counts only when it ends the note and the previous stories alike.
  const tail = standalone === null && tailFrom !== -1 && previous !== undefined && stories.length - tailShift === previous.builds.length ? stories.length - tailFrom : 0;
  const kept: KeptStories = { from: previous ?? null, head: standalone === null ? keptHead : 0, tail, offset: window?.offset ?? 0 };
  return { epic, diagnostics, groups: { builds, starts: groupStarts, ends: groupEnds, ids: standalone === null ? idSet : null }, kept };
}
