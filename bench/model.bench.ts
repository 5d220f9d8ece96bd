/**
 * Model benchmarks: cold parse, incremental re-parse after typing one character, and the floor
 * (mdast over the same sections, nothing else) for seed-style notes of 20, 200 and 2,000 stories.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitSections } from '../src/model/line-pass';
import { parseSectionMarkdown } from '../src/model/markdown';
import { parseEpic } from '../src/model/parse';
import type { Report } from './report';

const PHASES = ['Preparation', 'Development', 'Testing', 'Migration'];

/** The seven story blocks of the seed example, each from its header to the line before the next heading of level ≤ 3. */
function seedStories(): string[] {
  const seed = readFileSync(join(process.cwd(), 'examples', 'postgres-to-crdb.md'), 'utf8');
  const blocks: string[] = [];
  const starts = [...seed.matchAll(/^### .*US-\d+.*$/gm)].map((m) => m.index);
  for (const start of starts) {
    const headerEnd = seed.indexOf('\n', start) + 1;
    const next = seed.slice(headerEnd).search(/^#{2,3} /m);
    const block = next === -1 ? seed.slice(start) : seed.slice(start, headerEnd + next);
    blocks.push(`${block.replace(/\n---\s*$/, '\n').trimEnd()}\n\n---\n\n`);
  }
  return blocks;
}

/** A seed-style note with `count` stories (the seed's seven, cycled, unique ids) in four phases. */
export function seedStyleNote(count: number): string {
  const stories = seedStories();
  const parts = ['# 🔄 Database Migration: PostgreSQL to CockroachDB\n\n> **Epic: Migrate primary database for horizontal scalability**\n\n',
    '## Epic Summary\n\n| Field | Value |\n|-------|-------|\n| **Status** | 🔄 In Progress |\n| **Priority** | 🔴 Critical |\n\n'];
  const perPhase = Math.ceil(count / PHASES.length);
  for (let i = 0; i < count; i += 1) {
    if (i % perPhase === 0) parts.push(`## Phase ${i / perPhase + 1}: ${PHASES[i / perPhase] ?? 'Extra'}\n\n`);
    const block = stories[i % stories.length] ?? '';
    parts.push(block.replace(/US-\d+/, `US-${String(i + 1).padStart(4, '0')}`).replace(/\| \*\*Phase\*\* \| \w+ \|\n/, ''));
  }
  parts.push('## Risks & Mitigations\n\n| Risk | Impact |\n|------|--------|\n| Data loss | Critical |\n');
  return parts.join('');
}

/** The same text as a flat (non-rope) string. */
function flat(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Reads every part of every story that a lazy section gives (prose and acceptance criteria, parsed
 * on first read): what a sync or the JSON export reads on top of what opening the note reads.
 */
function readAllProse(result: ReturnType<typeof parseEpic>): number {
  let characters = 0;
  for (const story of result.epic.stories) {
    characters += story.description?.extra.length ?? 0;
    characters += story.acceptanceCriteria.length + story.comments.length + story.links.length + story.commits.length;
    for (const section of story.sections) characters += section.markdown.length + section.range.to;
  }
  return characters;
}

/** Wall time of `run` in ms (no forced collection: forcing one shrinks the heap and slows the next run). */
function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/**
 * Runs the model benchmarks and reports, in ms: `mdast.sections.N` (the floor: mdast alone over the
 * same sections), `parse.cold.N` (and its ratio to the floor, `parse.cold.ratio.N`: prose sections
 * and the criteria of stories not done are parsed on first read, so a cold parse may cost less than the floor), `parse.cold.prose-read.N`
 * (a cold parse then every story's prose read, as a sync or the JSON export reads it; and its
 * ratio to the floor), `parse.incremental.N` (one character
 * typed in the middle story, re-parse with `previous`; `.told.N`: the same, the parse told where
 * the text changed, as the editor tells it), `parse.incremental.last-story.N` (typed in
 * the last story). Medians; N = 20, 200, 2,000 seed-style stories.
 */
export async function runModelBench(report: Report): Promise<void> {
  // Warm the JIT on a mid-size note first, so the small note does not measure compilation.
  const warmNote = seedStyleNote(200);
  const warmSlices = splitSections(warmNote).slices;
  for (let warm = 0; warm < 5; warm += 1) {
    parseEpic(parseEpic(warmNote).text.replace('Export schema', 'Export schemas'), parseEpic(warmNote));
    for (const slice of warmSlices) parseSectionMarkdown(warmNote.slice(slice.from, slice.to), slice.from === 0);
  }
  for (const count of [20, 200, 2000]) {
    const note = seedStyleNote(count);
    const runs = count >= 2000 ? 5 : count >= 200 ? 11 : 31;
    const slices = splitSections(note).slices;
    const check = parseEpic(note).epic;
    const subtasks = check.stories.reduce((sum, story) => sum + story.subtasks.length, 0);
    if (check.stories.length !== count || subtasks < count * 3) throw new Error(`bench note is wrong: ${check.stories.length} stories, ${subtasks} subtasks`);
    // Warm up the JIT on this size.
    for (let warm = 0; warm < (count >= 2000 ? 1 : 3); warm += 1) {
      parseEpic(note);
      for (const slice of slices) parseSectionMarkdown(note.slice(slice.from, slice.to), slice.from === 0);
    }
    const floor: number[] = [];
    const cold: number[] = [];
    const proseRead: number[] = [];
    // Interleaved so all see the same machine state.
    for (let run = 0; run < runs; run += 1) {
      floor.push(time(() => {
        for (const slice of slices) parseSectionMarkdown(note.slice(slice.from, slice.to), slice.from === 0);
      }));
      cold.push(time(() => parseEpic(note)));
      proseRead.push(time(() => readAllProse(parseEpic(note))));
    }
    report(`mdast.sections.${count}`, median(floor));
    report(`parse.cold.${count}`, median(cold));
    report(`parse.cold.ratio.${count}`, median(cold) / median(floor), 'x');
    report(`parse.cold.prose-read.${count}`, median(proseRead));
    report(`parse.cold.prose-read.ratio.${count}`, median(proseRead) / median(floor), 'x');

    // Type characters in the middle story: alternately in a subtask name and in the description;
    // once as a caller that only has the new text, then told where the text changed (as the
    // editor tells it).
    let previous = parseEpic(note);
    const middle = previous.epic.stories[count >> 1];
    const typeInMiddle = (told: boolean): number[] => {
      const times: number[] = [];
      for (let edit = 0; edit < 50; edit += 1) {
        const story = previous.epic.stories[count >> 1] ?? middle;
        const target = edit % 2 === 0 ? story?.subtasks[1]?.cells.name : story?.description?.range;
        const at = target === undefined ? previous.text.length >> 1 : target.from + 3;
        // A flat string, as an editor's `doc.toString()` hands over (a concatenation would make the
        // parser pay for flattening the rope, which is the caller's cost of producing the text).
        const text = flat(`${previous.text.slice(0, at)}x${previous.text.slice(at)}`);
        let next = previous;
        times.push(time(() => {
          next = told ? parseEpic(text, previous, { from: at, toA: at, toB: at + 1 }) : parseEpic(text, previous);
        }));
        previous = next;
      }
      return times;
    };
    report(`parse.incremental.${count}`, median(typeInMiddle(false)));
    report(`parse.incremental.told.${count}`, median(typeInMiddle(true)));

    // The same typing in the last story: nothing after the edit moves. Close to the middle-story
    // figure, because moved stories shift their ranges only when read.
    const atEnd: number[] = [];
    for (let edit = 0; edit < 50; edit += 1) {
      const target = previous.epic.stories[count - 1]?.subtasks[1]?.cells.name;
      const at = target === undefined ? previous.text.length : target.from + 3;
      const text = flat(`${previous.text.slice(0, at)}x${previous.text.slice(at)}`);
      let next = previous;
      atEnd.push(time(() => {
        next = parseEpic(text, previous);
      }));
      previous = next;
    }
    report(`parse.incremental.last-story.${count}`, median(atEnd));
    await Promise.resolve();
  }
}
