/**
 * Resolving the three-way plan's conflicts, never silently (docs/sync-record.md "Conflicts"): by a
 * choice per conflict (the plugin's plan modal) or by the CLI's `--conflict-strategy`:
 *   skip          (default) everything else is applied; the conflicts are listed (exit 64)
 *   force-local   every conflict keeps the note's value (push)
 *   force-remote  every conflict takes the tracker's value (pull)
 *   abort         when there is any conflict nothing is written; the conflicts are listed (exit 64)
 * Also the limits of `--pull` (only tracker → note) and `--phase` (both directions, its kind only).
 */
import type { SyncPhase } from '../tracker';
import type { FieldDecision, RemoteAddition, ThreeWayPlan } from './three-way';
import type { FieldValue, SyncField } from './types';

/** The CLI's `--conflict-strategy` values. */
export type ConflictStrategy = 'skip' | 'force-local' | 'force-remote' | 'abort';

/** Every strategy, for option parsing; the first is the default. */
export const CONFLICT_STRATEGIES: readonly ConflictStrategy[] = ['skip', 'force-local', 'force-remote', 'abort'];

/** A choice for one conflict: keep the note's value, take the tracker's, or leave it unresolved. */
export type ConflictChoice = 'note' | 'tracker' | 'leave';

/** A conflict as the JSON result lists it (docs/cli.md: `"conflicts": [{story, subtask, field, note, tracker}]`). */
export interface ConflictReport {
  readonly story: string;
  /** The subtask number, null for a story field. */
  readonly subtask: number | null;
  readonly field: SyncField;
  readonly note: FieldValue;
  readonly tracker: FieldValue;
}

/** The plan once its conflicts are resolved: what to carry out, and what stays unresolved. */
export interface ResolvedPlan {
  /** Pushes and pulls to carry out (conflicts resolved by choice included; `nothing` left out). */
  readonly actions: readonly FieldDecision[];
  readonly additions: readonly RemoteAddition[];
  /** Conflicts left unresolved, in plan order. */
  readonly conflicts: readonly ConflictReport[];
  /** True when nothing may be written (`abort` met a conflict). */
  readonly aborted: boolean;
}

/** The JSON form of a conflict. */
export function conflictReport(decision: FieldDecision): ConflictReport {
  return { story: decision.storyId, subtask: decision.subtask, field: decision.field, note: decision.note, tracker: decision.tracker };
}

/** Resolves each conflict by `choose` (called once per conflict, in plan order). */
export function resolveConflicts(plan: Pick<ThreeWayPlan, 'fields' | 'additions'>, choose: (conflict: FieldDecision) => ConflictChoice): ResolvedPlan {
  const actions: FieldDecision[] = [];
  const conflicts: ConflictReport[] = [];
  for (const decision of plan.fields) {
    if (decision.decision === 'push' || decision.decision === 'pull') actions.push(decision);
    if (decision.decision !== 'conflict') continue;
    const choice = choose(decision);
    if (choice === 'leave') conflicts.push(conflictReport(decision));
    else actions.push({ ...decision, decision: choice === 'note' ? 'push' : 'pull' });
  }
  return { actions, additions: plan.additions, conflicts, aborted: false };
}

/** Resolves the plan's conflicts by a CLI strategy (see the file comment). */
export function applyConflictStrategy(plan: Pick<ThreeWayPlan, 'fields' | 'additions'>, strategy: ConflictStrategy): ResolvedPlan {
  if (strategy === 'abort') {
    const resolved = resolveConflicts(plan, () => 'leave');
    return resolved.conflicts.length > 0 ? { actions: [], additions: [], conflicts: resolved.conflicts, aborted: true } : resolved;
  }
  const choice: ConflictChoice = strategy === 'force-local' ? 'note' : strategy === 'force-remote' ? 'tracker' : 'leave';
  return resolveConflicts(plan, () => choice);
}

/** The fields each `--phase` covers, in both directions (docs/sync.md "The run"). */
function inPhase(decision: FieldDecision, phase: SyncPhase): boolean {
  if (phase === 'all') return true;
  if (phase === 'statuses') return decision.field === 'status';
  if (phase === 'comments') return false;
  if (phase === 'subtasks') return decision.subtask !== null && decision.field !== 'status';
  return decision.subtask === null && decision.field !== 'status';
}

/** Limits of a run: `--phase`, `--story`, and `--pull` (only tracker → note). */
export interface PlanLimits {
  readonly phase: SyncPhase;
  /** Story ids (case-insensitive); absent or empty = every story. */
  readonly stories?: readonly string[];
  /** Only pull: pushes are dropped, conflicts stay listed. */
  readonly pullOnly?: boolean;
}

/** The plan within `limits`: other fields are left as they are (neither pushed nor pulled). */
export function limitPlan(plan: ThreeWayPlan, limits: PlanLimits): ThreeWayPlan {
  const wanted = limits.stories && limits.stories.length > 0 ? new Set(limits.stories.map((id) => id.toUpperCase())) : null;
  const fields = plan.fields.filter((decision) => inPhase(decision, limits.phase)
    && (wanted === null || wanted.has(decision.storyId.toUpperCase()))
    && !(limits.pullOnly === true && decision.decision === 'push'));
  const additions = plan.additions.filter((addition) => {
    if (wanted !== null && (addition.storyId === null || !wanted.has(addition.storyId.toUpperCase()))) return false;
    return limits.phase === 'all' || (addition.kind === 'story' ? limits.phase === 'descriptions' : limits.phase === 'subtasks');
  });
  return { ...plan, fields, additions };
}
