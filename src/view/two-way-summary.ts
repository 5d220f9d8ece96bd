/**
 * The two-way part of a plan as a person reads it (docs/sync-record.md): what comes from Jira
 * into the note, what Jira added that the note lacks, and each conflict with both values, in the
 * note's words ("Story points", "In progress", "5 pts"), never the record's names (`story_points`).
 * Pure: no Obsidian, no DOM.
 */
import { pointsWithUnit, statusLabel } from '../model';
import { fieldWords, noteValueText } from '../sync/record/field-words';
import type { FieldDecision, RemoteAddition, ThreeWayPlan } from '../sync/record/three-way';
import type { PlanAdditionPreview, PlanConflictPreview, PlanPullPreview, PlanPreview, TwoWayPreview } from './plan-preview';

/** What the preview needs besides the plan: story titles by id (upper case), for the rows. */
export interface TwoWayContext {
  readonly titles?: ReadonlyMap<string, string>;
  /** The tracker as people name it (`Jira`, `GitHub`); default `Jira`. */
  readonly tracker?: string;
}

/** The modal's two-way preview of a three-way plan (after `limitPlan`). */
export function twoWayPreview(plan: Pick<ThreeWayPlan, 'fields' | 'additions' | 'noRecord'>, context: TwoWayContext = {}): TwoWayPreview {
  const pulls: PlanPullPreview[] = [];
  const conflicts: PlanConflictPreview[] = [];
  for (const decision of plan.fields) {
    if (decision.decision === 'pull') pulls.push(pullPreview(decision, context));
    if (decision.decision === 'conflict') conflicts.push(conflictPreview(decision, context));
  }
  return { ...(context.tracker === undefined ? {} : { tracker: context.tracker }), noRecord: plan.noRecord, pulls, additions: plan.additions.flatMap(additionPreviews), conflicts };
}

/** Jira's value of a field as Jira shows it (`Done`, `Highest`), points with their unit. */
export function trackerValueText(decision: Pick<FieldDecision, 'field' | 'trackerRaw' | 'tracker'>, tracker = 'Jira'): string {
  const { field } = decision;
  if (field === 'description') return decision.trackerRaw === null ? '(none)' : `${tracker}'s text`;
  const raw = decision.trackerRaw ?? decision.tracker;
  if (raw === null) return '(none)';
  if (Array.isArray(raw)) return raw.length === 0 ? '(none)' : raw.join(', ');
  if (field === 'story_points' && typeof raw === 'number') return pointsWithUnit(raw);
  return String(raw);
}

/** How many things the plan would change on both sides: pushes, pulls and additions. */
export function twoWayChangeCount(plan: PlanPreview): number {
  const twoWay = plan.twoWay;
  return plan.operations.length + (twoWay ? twoWay.pulls.length + twoWay.additions.length : 0);
}

/** True when the plan has anything two-way to show (a pull, an addition or a conflict). */
export function hasTwoWayItems(plan: PlanPreview): boolean {
  const twoWay = plan.twoWay;
  return twoWay !== undefined && twoWay.pulls.length + twoWay.additions.length + twoWay.conflicts.length > 0;
}

/**
 * The two-way line of the result notice: "From Jira: 2 fields written into the note, 1 issue
 * added. 1 conflict left as it is." Empty when the run took nothing from Jira and left no conflict.
 */
export function twoWayResultText(result: { readonly pulls: readonly unknown[]; readonly additions: readonly unknown[]; readonly conflicts: readonly unknown[] }, tracker = 'Jira'): string {
  const parts: string[] = [];
  const { pulls, additions, conflicts } = result;
  if (pulls.length > 0) parts.push(`${pulls.length} ${pulls.length === 1 ? 'field' : 'fields'} written into the note`);
  if (additions.length > 0) parts.push(`${additions.length} ${additions.length === 1 ? 'issue' : 'issues'} added`);
  const from = parts.length > 0 ? `From ${tracker}: ${parts.join(', ')}.` : '';
  const left = conflicts.length > 0 ? `${conflicts.length} ${conflicts.length === 1 ? 'conflict' : 'conflicts'} left as ${conflicts.length === 1 ? 'it is' : 'they are'}.` : '';
  return [from, left].filter((text) => text !== '').join(' ');
}

function targetOf(decision: FieldDecision): string {
  return decision.subtask === null ? decision.storyId : `${decision.storyId} #${decision.subtask}`;
}

function titleOf(decision: FieldDecision, context: TwoWayContext): { title?: string } {
  const title = decision.subtask === null ? context.titles?.get(decision.storyId.toUpperCase()) : undefined;
  return title === undefined ? {} : { title };
}

function pullPreview(decision: FieldDecision, context: TwoWayContext): PlanPullPreview {
  // The note will say the tracker's value in its own words: the tracker value read in the note's vocabulary.
  const after = decision.field === 'description' ? `${context.tracker ?? 'Jira'}'s text` : noteValueText(decision.field, decision.tracker ?? decision.trackerRaw);
  return { target: targetOf(decision), ...titleOf(decision, context), issueKey: decision.issueKey, field: fieldWords(decision.field), before: noteValueText(decision.field, decision.note), after };
}

function conflictPreview(decision: FieldDecision, context: TwoWayContext): PlanConflictPreview {
  return {
    id: decision.id,
    target: targetOf(decision),
    ...titleOf(decision, context),
    issueKey: decision.issueKey,
    field: fieldWords(decision.field),
    note: noteValueText(decision.field, decision.note),
    tracker: trackerValueText(decision, context.tracker),
  };
}

function additionPreviews(addition: RemoteAddition): PlanAdditionPreview[] {
  const own: PlanAdditionPreview = { kind: addition.kind, issueKey: addition.key, storyId: addition.storyId, summary: addition.summary, status: statusLabel(addition.status) };
  return [own, ...addition.subtasks.flatMap(additionPreviews)];
}

