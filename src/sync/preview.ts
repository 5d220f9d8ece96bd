/**
 * A plan as the plan modal lists it: one line per operation (`US-003`, `US-003 #2`), each change
 * with before → after as text, and the count per kind. Structurally the modal's `PlanPreview`.
 */
import type { FieldChange, OperationAction, SyncPlan } from './tracker';

/** One change as text (`null` = absent). */
export interface PreviewChange {
  readonly field: string;
  readonly before: string | null;
  readonly after: string | null;
}

/** One operation for the modal. */
export interface PreviewOperation {
  readonly kind: OperationAction;
  readonly target: string;
  readonly issueKey: string | null;
  readonly changes: readonly PreviewChange[];
}

/** The plan for the modal, with counts per kind (only kinds present). */
export interface Preview {
  readonly operations: readonly PreviewOperation[];
  readonly counts: Readonly<Partial<Record<OperationAction, number>>>;
}

/** Converts a plan for display. */
export function planPreview(plan: SyncPlan): Preview {
  const counts: Partial<Record<OperationAction, number>> = {};
  const operations = plan.operations.map((operation) => {
    counts[operation.action] = (counts[operation.action] ?? 0) + 1;
    return {
      kind: operation.action,
      target: operation.subtaskNumber === null ? operation.storyId : `${operation.storyId} #${operation.subtaskNumber}`,
      issueKey: operation.issueKey,
      changes: operation.changes.map((change) => ({ field: change.field, before: asText(change.before), after: asText(change.after) })),
    };
  });
  return { operations, counts };
}

function asText(value: FieldChange['before']): string | null {
  if (value === null) return null;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  return value.join(', ');
}
