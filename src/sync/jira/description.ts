/**
 * What a story, a subtask, a comment and a commit become in Jira, as ADF: the one mapping from
 * model to tracker text. Data center renders the same ADF as wiki markup (`wiki.ts`).
 */
import type { Comment, Commit, Story, Subtask } from '../../model/types';
import { adfDoc, type AdfDoc, type AdfNode } from './adf-types';
import { inlineMarkdownToAdf, LocalIds, markdownToAdf } from './adf';

/**
 * The story's description: the As a / I want / So that lines (one per line, the words in bold),
 * the extra paragraphs, `Acceptance Criteria` as a task list, `Technical Notes`. Null when the
 * story has none of these (the remote description is then left alone).
 */
export function storyDescription(story: Story): AdfDoc | null {
  const ids = new LocalIds();
  const content: AdfNode[] = [];
  const description = story.description;
  if (description) {
    const lines: AdfNode[] = [];
    for (const [label, value] of [['As a', description.asA], ['I want', description.iWant], ['So that', description.soThat]] as const) {
      if (value === null || value.trim() === '') continue;
      if (lines.length > 0) lines.push({ type: 'hardBreak' });
      lines.push({ type: 'text', text: label, marks: [{ type: 'strong' }] }, { type: 'text', text: ' ' }, ...inlineMarkdownToAdf(value.trim()));
    }
    if (lines.length > 0) content.push({ type: 'paragraph', content: lines });
    const extra = lines.length > 0 ? description.extra : description.markdown;
    if (extra.trim()) content.push(...markdownToAdf(extra, ids));
  }
  if (story.acceptanceCriteria.length > 0) {
    content.push({ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Acceptance Criteria' }] });
    content.push(criteriaList(story, ids));
  }
  if (story.technicalNotes !== null && story.technicalNotes.trim()) {
    content.push({ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Technical Notes' }] });
    content.push(...markdownToAdf(story.technicalNotes, ids));
  }
  return content.length > 0 ? adfDoc(content) : null;
}

/** Acceptance criteria as a task list; deeper items nest as task lists after their parent item. */
function criteriaList(story: Story, ids: LocalIds): AdfNode {
  interface Level { items: AdfNode[] }
  const root: Level = { items: [] };
  const stack: { depth: number; level: Level }[] = [{ depth: 0, level: root }];
  for (const criterion of story.acceptanceCriteria) {
    while (stack.length > 1 && (stack[stack.length - 1]?.depth ?? 0) > criterion.depth) stack.pop();
    let top = stack[stack.length - 1] ?? { depth: 0, level: root };
    if (criterion.depth > top.depth) {
      const nested: Level = { items: [] };
      top.level.items.push({ type: 'taskList', attrs: { localId: ids.take('tasks') }, content: nested.items });
      stack.push({ depth: criterion.depth, level: nested });
      top = { depth: criterion.depth, level: nested };
    }
    const inlines = inlineMarkdownToAdf(criterion.text);
    const attrs = { localId: ids.take('task'), state: criterion.done ? 'DONE' : 'TODO' };
    top.level.items.push(inlines.length > 0 ? { type: 'taskItem', attrs, content: inlines } : { type: 'taskItem', attrs });
  }
  return { type: 'taskList', attrs: { localId: ids.take('tasks') }, content: root.items };
}

/** A subtask's description (the Description cell), or null when empty. */
export function subtaskDescription(subtask: Subtask): AdfDoc | null {
  const inlines = inlineMarkdownToAdf(subtask.description.trim());
  return inlines.length > 0 ? adfDoc([{ type: 'paragraph', content: inlines }]) : null;
}

/** A note comment as a Jira comment: `@author (date):` in bold, then the body. */
export function commentBody(comment: Comment): AdfDoc {
  const heading = [comment.author ? `@${comment.author}` : null, comment.date ? `(${comment.date})` : null].filter(Boolean).join(' ');
  const body = markdownToAdf(comment.body);
  const content: AdfNode[] = heading ? [{ type: 'paragraph', content: [{ type: 'text', text: `${heading}:`, marks: [{ type: 'strong' }] }] }, ...body] : body;
  return adfDoc(content.length > 0 ? content : [{ type: 'paragraph', content: [{ type: 'text', text: '(empty comment)' }] }]);
}

/** A related commit as a Jira comment: `Commit <hash>: <message>`, the hash as code. */
export function commitBody(commit: Commit): AdfDoc {
  const content: AdfNode[] = [
    { type: 'text', text: 'Commit ' },
    { type: 'text', text: commit.hash, marks: [{ type: 'code' }] },
  ];
  if (commit.message.trim()) content.push({ type: 'text', text: ': ' }, ...inlineMarkdownToAdf(commit.message.trim()));
  return adfDoc([{ type: 'paragraph', content }]);
}
