/**
 * The fake site's one workflow: seven statuses in three categories and one global transition into
 * each status. Transition names deliberately differ from status names, so a client that matches
 * transitions by name instead of by target status fails.
 */

/** Jira's status categories. */
export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

/** A workflow status. */
export interface WorkflowStatus {
  readonly id: string;
  readonly name: string;
  readonly category: StatusCategoryKey;
}

/** A global transition: available from every status except its own target. */
export interface WorkflowTransition {
  readonly id: string;
  readonly name: string;
  readonly to: WorkflowStatus;
}

/** Status categories as Jira answers them (`statusCategory`). */
export const STATUS_CATEGORIES: Readonly<Record<StatusCategoryKey, { id: number; key: StatusCategoryKey; name: string; colorName: string }>> = {
  new: { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
  indeterminate: { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' },
  done: { id: 3, key: 'done', name: 'Done', colorName: 'green' },
};

const status = (id: string, name: string, category: StatusCategoryKey): WorkflowStatus => ({ id, name, category });

/** Every status, in workflow order. New issues start in the first (Backlog). */
export const STATUSES: readonly WorkflowStatus[] = [
  status('10000', 'Backlog', 'new'),
  status('10001', 'Selected for Development', 'new'),
  status('3', 'In Progress', 'indeterminate'),
  status('10002', 'In Review', 'indeterminate'),
  status('10003', 'Blocked', 'indeterminate'),
  status('10004', 'Done', 'done'),
  status('10005', "Won't Do", 'done'),
];

const TRANSITION_NAMES: readonly string[] = ['Plan it', 'Select', 'Start work', 'Send to review', 'Put on hold', 'Finish', 'Abandon'];

/** One global transition per status; ids 11, 21, … 71 like Jira's generated ids. */
export const TRANSITIONS: readonly WorkflowTransition[] = STATUSES.map((to, index) => ({
  id: String((index + 1) * 10 + 1),
  name: TRANSITION_NAMES[index] ?? `Move to ${to.name}`,
  to,
}));

/** The status a new issue starts in. */
export const INITIAL_STATUS = 'Backlog';

/** The status named `name` (case-insensitive), or undefined. */
export function findStatus(name: string): WorkflowStatus | undefined {
  const wanted = name.toLowerCase();
  return STATUSES.find((s) => s.name.toLowerCase() === wanted);
}

/**
 * Transitions available from `currentStatus`: every transition but the one into it, and but those
 * a site's `unreachable` steps remove (`{from, to}`: no way from status `from` into `to`).
 */
export function availableTransitions(currentStatus: string, unreachable: readonly { from: string; to: string }[] = []): WorkflowTransition[] {
  const blocked = (to: string): boolean => unreachable.some((step) => step.from.toLowerCase() === currentStatus.toLowerCase() && step.to.toLowerCase() === to.toLowerCase());
  return TRANSITIONS.filter((t) => t.to.name !== currentStatus && !blocked(t.to.name));
}
