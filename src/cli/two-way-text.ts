/**
 * The two-way lines of the text output (docs/cli.md "Two-way sync"): each field change with
 * before → after and which side changed, each issue offered to the note, in the plan's order, in
 * the note's words as the plugin's modal says them ("Story points: 5 pts → 13 pts", "Status: In
 * progress → Done"), never the record's names (`story_points`, `in_progress`).
 */
import type { FieldValue } from '../sync/record/types';
import type { FieldDecision, TwoWayResult } from '../sync/two-way';
import { fieldWords, noteValueText } from '../sync/record/field-words';

/** One line per changed field and per addition; empty when the run stopped before planning. */
export function sideChangeLines(result: Pick<TwoWayResult, 'threeWay'>): string[] {
  const plan = result.threeWay;
  if (plan === null) return [];
  const lines = plan.fields.filter((decision) => decision.decision !== 'nothing').map(decisionLine);
  for (const addition of plan.additions) {
    const where = addition.kind === 'story' ? 'a new story' : `a new subtask of ${addition.storyId ?? 'its story'}`;
    lines.push(`${addition.key} "${addition.summary}": new in Jira → added to the note as ${where}`);
  }
  return lines;
}

function decisionLine(decision: FieldDecision): string {
  const what = `${decision.storyId}${decision.subtask === null ? '' : ` subtask ${decision.subtask}`} ${fieldWords(decision.field)}`;
  if (decision.decision === 'conflict') {
    return `${what}: conflict, both sides changed: note ${shown(decision, decision.note)}, Jira ${shown(decision, decision.tracker)}`;
  }
  if (decision.decision === 'pull') return `${what}: ${shown(decision, decision.note)} → ${shown(decision, decision.tracker)} (Jira changed; taken into the note)`;
  const side = decision.noRecord ? 'no sync record yet' : 'the note changed';
  return `${what}: ${shown(decision, decision.tracker)} → ${shown(decision, decision.note)} (${side}; written to Jira)`;
}

/** A value for people, as the note writes it: descriptions are hashes in the plan, so only "(text)"; titles and names quoted. */
function shown(decision: FieldDecision, value: FieldValue): string {
  if (value === null) return '(none)';
  if (decision.field === 'description') return '(text)';
  if (typeof value === 'string' && (decision.field === 'title' || decision.field === 'name')) return `"${value}"`;
  return noteValueText(decision.field, value);
}
