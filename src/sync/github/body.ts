/**
 * What a story and a subtask become as a GitHub issue body: GitHub renders markdown, so the note's
 * own markdown is kept as written. A story's body: the As a / I want / So that lines (the words in
 * bold, one per line), the extra paragraphs, `### Acceptance Criteria` as a task list (nested items
 * indented two spaces per level), `### Technical Notes`. A subtask's body: its Description cell.
 */
import type { Story, Subtask } from '../../model/types';

/** The story's issue body, or null when the note says none of it (the remote body is then left alone). */
export function storyBody(story: Story): string | null {
  const blocks: string[] = [];
  const description = story.description;
  if (description) {
    const lines: string[] = [];
    for (const [label, value] of [['As a', description.asA], ['I want', description.iWant], ['So that', description.soThat]] as const) {
      if (value !== null && value.trim() !== '') lines.push(`**${label}** ${value.trim()}`);
    }
    if (lines.length > 0) blocks.push(lines.join('\n'));
    const extra = lines.length > 0 ? description.extra : description.markdown;
    if (extra.trim() !== '') blocks.push(extra.trim());
  }
  if (story.acceptanceCriteria.length > 0) {
    const items = story.acceptanceCriteria.map((criterion) => `${'  '.repeat(criterion.depth)}- [${criterion.done ? 'x' : ' '}] ${criterion.text.trim()}`);
    blocks.push('### Acceptance Criteria', items.join('\n'));
  }
  if (story.technicalNotes !== null && story.technicalNotes.trim() !== '') blocks.push('### Technical Notes', story.technicalNotes.trim());
  return blocks.length > 0 ? normaliseBody(blocks.join('\n\n')) : null;
}

/** The subtask's issue body (its Description cell), or null when empty. */
export function subtaskBody(subtask: Subtask): string | null {
  const text = subtask.description.trim();
  return text === '' ? null : normaliseBody(text);
}

/**
 * A body as compared: line ends as `\n` (the web editor sends `\r\n`), no trailing spaces, at most
 * one empty line in a row, no empty lines around it. '' for null.
 */
export function normaliseBody(body: string | null): string {
  if (body === null) return '';
  return body.replace(/\r\n?/g, '\n').split('\n').map((line) => line.replace(/[ \t]+$/, '')).join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** True when two bodies read the same once normalised (`normaliseBody`). */
export function sameBody(a: string | null, b: string | null): boolean {
  return normaliseBody(a) === normaliseBody(b);
}
