/**
 * The example note as the sandbox opens it: the built-in tracker holds epic INFRA-100, and sync
 * needs the note to name its epic, so `epic: INFRA-100` goes into the frontmatter when the note
 * names none (the example does not). Pure: no DOM.
 */

/** The epic the built-in tracker holds. */
export const SANDBOX_EPIC = 'INFRA-100';

/** The note with `epic: INFRA-100` in its frontmatter when it names no epic (a frontmatter is added if needed). */
export function withSandboxEpic(text: string, epicKey: string = SANDBOX_EPIC): string {
  const frontmatter = /^---\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!frontmatter) return `---\nepic: ${epicKey}\n---\n${text}`;
  if (/^(epic|epic-key|epic_key|jira-epic)\s*:/m.test(frontmatter[1] ?? '')) return text;
  return text.replace(/^---\r?\n/, `---\nepic: ${epicKey}\n`);
}

