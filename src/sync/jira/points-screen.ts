/**
 * Story points and the project's screens. Jira refuses a field that is not on the screen of the
 * issue type ("Field '<points field id>' cannot be set"), so before a plan is shown its points
 * writes are checked against the create screen of each issue type they touch: the points field
 * is kept when the screen shows it, replaced by another story points field the screen shows
 * (team-managed projects use "Story point estimate"), or dropped from creates and updates with a
 * warning that names the field and the project. Reads metadata only when the plan writes points.
 */
import { TrackerError } from '../errors';
import type { PlannedOperation, SyncPlan } from '../tracker';
import type { JiraRequest } from './plan';
import type { IssueLevel, SiteMetadata } from './site-metadata';
import type { SiteFields } from './site';

/** The `change.field` name planning gives story points. */
const POINTS_CHANGE = 'story_points';

/**
 * The plan with every points write the create screens allow, and a warning per issue type whose
 * screen has no story points field. Jira offers no cheap per-project edit screen (editmeta is per
 * issue and changes with its status), so the create screen stands for the edit screen too.
 * Metadata that cannot be read leaves the plan as it is (execution reports the error).
 */
export async function checkPointsScreens(plan: SyncPlan<JiraRequest>, site: SiteFields, metadata: SiteMetadata, projectKey: string): Promise<SyncPlan<JiraRequest>> {
  const field = site.storyPoints;
  if (field === null) return plan;
  const levels = new Set(plan.operations.filter((operation) => writesField(operation, field)).map(levelOf));
  if (levels.size === 0) return plan;
  const replacement = new Map<IssueLevel, string | null>();
  const warnings: string[] = [];
  try {
    for (const level of levels) {
      const type = await metadata.typeOf(level);
      if (type === null) continue;
      const screen = await metadata.createScreen(type.id);
      if (screen === null || screen.has(field)) continue;
      const other = site.storyPointsCandidates.find((candidate) => screen.has(candidate)) ?? null;
      replacement.set(level, other);
      if (other === null) {
        const name = site.storyPointsName ?? field;
        warnings.push(level === 'story'
          ? `field ${name} is not on the create screen of project ${projectKey}: points are not synced; add it to the screen or set the field in settings`
          : `field ${name} is not on the create screen of ${type.name} issues in project ${projectKey}: subtask points are not synced; add it to the screen or set the field in settings`);
      }
    }
  } catch (error) {
    if (error instanceof TrackerError) return plan;
    throw error;
  }
  if (replacement.size === 0) return plan;
  const operations: PlannedOperation<JiraRequest>[] = [];
  for (const operation of plan.operations) {
    const level = levelOf(operation);
    const request = operation.request;
    if (!replacement.has(level) || (request.kind !== 'create' && request.kind !== 'update') || !writesField(operation, field)) {
      operations.push(operation);
      continue;
    }
    const target = replacement.get(level) ?? null;
    const { [field]: points, ...rest } = request.fields;
    const fields = target === null ? rest : { ...rest, [target]: points };
    const changes = target === null ? operation.changes.filter((change) => change.field !== POINTS_CHANGE) : operation.changes;
    // An update that only set points has nothing left to do.
    if (request.kind === 'update' && changes.length === 0) continue;
    operations.push({ ...operation, changes, request: { ...request, fields } });
  }
  return { ...plan, operations, warnings: [...plan.warnings, ...warnings] };
}

function levelOf(operation: PlannedOperation): IssueLevel {
  return operation.subtaskNumber === null ? 'story' : 'subtask';
}

function writesField(operation: PlannedOperation<JiraRequest>, field: string): boolean {
  const request = operation.request;
  return (request.kind === 'create' || request.kind === 'update') && Object.prototype.hasOwnProperty.call(request.fields, field);
}
