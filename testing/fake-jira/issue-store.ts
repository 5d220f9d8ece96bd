/**
 * The fake site's issues and the rules Jira applies when they are created or edited: required
 * fields, the create/edit screens, priority and label checks, the parent hierarchy, ADF bodies on
 * cloud and strings on DC. Errors come back field by field in Jira's words.
 */
import type { AdfContract } from './adf-contract';
import { keyNumber } from './jql-evaluator';
import { EPIC_LINK_FIELD_ID, findIssueType, PRIORITIES, screenFieldIds, type IssueTypeInfo, type SiteConfig } from './site-config';
import type { FakeIssue, FakeIssueSeed, TeammateChange } from './types';
import { findStatus, INITIAL_STATUS } from './workflow';

/** Field errors by field id, as in Jira's `errors` object. */
export type FieldErrors = Record<string, string>;

/** Outcome of a create or edit: the issue, or errors (and any ADF violations found). */
export type WriteOutcome = { ok: true; issue: FakeIssue } | { ok: false; errors: FieldErrors; errorMessages: string[] };

const ADF_MESSAGE = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function cannotBeSet(fieldId: string): string {
  return `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`;
}

/** Issues by key with the site's create/edit rules. */
export class IssueStore {
  /** Issues by key, in creation order. */
  readonly issues = new Map<string, FakeIssue>();
  private nextIssueId = 10001;
  private nextCommentId = 10001;
  constructor(
    private readonly config: SiteConfig,
    private readonly adf: AdfContract,
    /** Receives every ADF violation (only when `config.validate`). */
    private readonly reportViolation: (message: string) => void,
  ) {}

  /** The issue with this key (case-insensitive) or numeric id. */
  find(keyOrId: string): FakeIssue | undefined {
    const upper = keyOrId.toUpperCase();
    const byKey = this.issues.get(upper);
    if (byKey) return byKey;
    for (const issue of this.issues.values()) if (issue.id === keyOrId) return issue;
    return undefined;
  }

  /** Epic of an issue: DC reads the Epic Link field; cloud the parent when it is an Epic. */
  epicOf(issue: FakeIssue): string | null {
    if (this.config.flavor === 'datacenter') {
      const link = issue.fields[EPIC_LINK_FIELD_ID];
      return typeof link === 'string' ? link : null;
    }
    const parent = issue.parent ? this.issues.get(issue.parent) : undefined;
    return parent?.issueType === 'Epic' ? parent.key : null;
  }

  private stamp(): string {
    return this.config.now().toISOString();
  }

  private allocateKey(): string {
    let highest = 0;
    for (const key of this.issues.keys()) {
      const n = keyNumber(key);
      if (key.startsWith(`${this.config.projectKey}-`) && n > highest) highest = n;
    }
    return `${this.config.projectKey}-${highest + 1}`;
  }

  /** Add a pre-existing issue as is (seeding); throws on a bad seed since that is a test bug. */
  seed(seed: FakeIssueSeed): FakeIssue {
    const type = findIssueType(this.config, seed.issueType ?? 'Story');
    if (!type) throw new Error(`fake Jira seed ${seed.key}: unknown issue type ${String(seed.issueType)}`);
    if (!seed.key.toUpperCase().startsWith(`${this.config.projectKey}-`) || Number.isNaN(keyNumber(seed.key))) {
      throw new Error(`fake Jira seed: key ${seed.key} is not a ${this.config.projectKey} key`);
    }
    const status = findStatus(seed.status ?? INITIAL_STATUS);
    if (!status) throw new Error(`fake Jira seed ${seed.key}: unknown status ${String(seed.status)}`);
    const created = this.stamp();
    const fields: Record<string, unknown> = {};
    if (seed.epicLink) fields[EPIC_LINK_FIELD_ID] = seed.epicLink;
    const issue: FakeIssue = {
      key: seed.key.toUpperCase(),
      id: String(this.nextIssueId++),
      issueType: type.name,
      summary: seed.summary,
      description: seed.description ?? null,
      status: status.name,
      priority: seed.priority === undefined ? (type.name === 'Epic' ? null : 'Medium') : seed.priority,
      labels: [...(seed.labels ?? [])],
      parent: seed.parent ?? null,
      storyPoints: seed.storyPoints ?? null,
      comments: (seed.comments ?? []).map((c) => ({ id: String(this.nextCommentId++), body: c.body, author: c.author ?? this.config.displayName, created })),
      fields,
      created,
      updated: created,
    };
    this.issues.set(issue.key, issue);
    return issue;
  }

  /** Create an issue from a create request's `fields`. */
  create(fields: unknown): WriteOutcome {
    if (!isRecord(fields)) return { ok: false, errors: {}, errorMessages: ['Issue must have fields set.'] };
    const errors: FieldErrors = {};
    const project = fields.project;
    if (!isRecord(project)) errors.project = 'Specify a valid project ID or key';
    else if (project.key !== this.config.projectKey && project.id !== this.config.projectId) errors.project = 'valid project is required';
    const issueTypeRef = fields.issuetype;
    let type: IssueTypeInfo | undefined;
    if (!isRecord(issueTypeRef)) errors.issuetype = 'Specify an issue type';
    else {
      const ref = typeof issueTypeRef.id === 'string' ? issueTypeRef.id : typeof issueTypeRef.name === 'string' ? issueTypeRef.name : '';
      type = findIssueType(this.config, ref);
      if (!type) errors.issuetype = 'The issue type selected is invalid.';
    }
    if (!type) return { ok: false, errors, errorMessages: [] };
    if (fields.summary === undefined || fields.summary === null || fields.summary === '') errors.summary = 'You must specify a summary of the issue.';
    const draft: FakeIssue = {
      key: '',
      id: '',
      issueType: type.name,
      summary: '',
      description: null,
      status: INITIAL_STATUS,
      priority: type.name === 'Epic' ? null : 'Medium',
      labels: [],
      parent: null,
      storyPoints: null,
      comments: [],
      fields: {},
      created: '',
      updated: '',
    };
    this.applyFields(draft, type, fields, screenFieldIds(this.config, type), errors);
    if (type.subtask && draft.parent === null && errors.parent === undefined) {
      errors.issuetype = 'Issue type is a sub-task but parent issue key or id not specified.';
    }
    if (Object.keys(errors).length > 0) return { ok: false, errors, errorMessages: [] };
    const created = this.stamp();
    const issue: FakeIssue = { ...draft, key: this.allocateKey(), id: String(this.nextIssueId++), created, updated: created };
    this.issues.set(issue.key, issue);
    return { ok: true, issue };
  }

  /** Edit `issue` with `fields` (set) and `update` (operations); all or nothing. */
  edit(issue: FakeIssue, fields: unknown, update: unknown): WriteOutcome {
    const type = findIssueType(this.config, issue.issueType);
    if (!type) return { ok: false, errors: {}, errorMessages: ['Unknown issue type'] };
    const screen = screenFieldIds(this.config, type, 'edit');
    const errors: FieldErrors = {};
    const draft: FakeIssue = { ...issue, labels: [...issue.labels], fields: { ...issue.fields } };
    const set: Record<string, unknown> = isRecord(fields) ? { ...fields } : {};
    const newComments: unknown[] = [];
    if (fields !== undefined && !isRecord(fields)) return { ok: false, errors: {}, errorMessages: ["Can not deserialize 'fields': expected an object."] };
    if (update !== undefined) {
      if (!isRecord(update)) return { ok: false, errors: {}, errorMessages: ["Can not deserialize 'update': expected an object."] };
      for (const [fieldId, operations] of Object.entries(update)) {
        if (fieldId in set) {
          errors[fieldId] = `Field '${fieldId}' cannot be set in both 'fields' and 'update'.`;
          continue;
        }
        if (!Array.isArray(operations)) {
          errors[fieldId] = 'Operations must be a list.';
          continue;
        }
        if (fieldId === 'comment') {
          // Jira's one write-only "field": update.comment [{add: {body}}] adds comments with the edit.
          for (const operation of operations as unknown[]) {
            const body = isRecord(operation) && isRecord(operation.add) ? operation.add.body : undefined;
            const problem = body === undefined || body === '' ? 'Comment body can not be empty!' : this.checkRichText(body, `comment body of ${issue.key}`);
            if (problem !== null) errors.comment = problem;
            else newComments.push(body);
          }
        } else if (fieldId === 'labels' && screen.includes('labels')) {
          let labels = [...draft.labels];
          for (const operation of operations as unknown[]) {
            if (!isRecord(operation)) continue;
            if (typeof operation.add === 'string' && !labels.includes(operation.add)) labels.push(operation.add);
            if (typeof operation.remove === 'string') labels = labels.filter((l) => l !== operation.remove);
            if (Array.isArray(operation.set)) labels = [...(operation.set as unknown[])].map(String);
          }
          set.labels = labels;
        } else {
          const setOperation = (operations as unknown[]).find((o) => isRecord(o) && 'set' in o);
          if (isRecord(setOperation)) set[fieldId] = setOperation.set;
          else errors[fieldId] = screen.includes(fieldId) ? `Field '${fieldId}' supports only the 'set' operation here.` : cannotBeSet(fieldId);
        }
      }
    }
    this.applyFields(draft, type, set, screen, errors);
    if (Object.keys(errors).length > 0) return { ok: false, errors, errorMessages: [] };
    draft.updated = this.stamp();
    Object.assign(issue, draft);
    for (const body of newComments) this.addComment(issue, body);
    return { ok: true, issue };
  }

  /**
   * A teammate's change made in Jira's own screens, not through the REST API (the sandbox's tracker
   * panel, two-way sync tests): a status of the workflow (any, as a board drag allows), points or
   * a summary. Bumps `updated` like every change; an unknown issue or status changes nothing.
   */
  teammateChange(key: string, change: TeammateChange): { ok: true; issue: FakeIssue } | { ok: false; message: string } {
    const issue = this.find(key);
    if (!issue) return { ok: false, message: `Issue ${key} does not exist.` };
    const status = change.status === undefined ? undefined : findStatus(change.status);
    if (change.status !== undefined && status === undefined) return { ok: false, message: `"${change.status}" is not a status of the workflow.` };
    if (change.summary !== undefined && change.summary.trim() === '') return { ok: false, message: 'The summary cannot be empty.' };
    if (change.storyPoints !== undefined && change.storyPoints !== null && !(Number.isFinite(change.storyPoints) && change.storyPoints >= 0)) return { ok: false, message: 'Story points must be a number of 0 or more.' };
    if (status !== undefined) issue.status = status.name;
    if (change.summary !== undefined) issue.summary = change.summary.trim();
    if (change.storyPoints !== undefined) issue.storyPoints = change.storyPoints;
    issue.updated = this.stamp();
    return { ok: true, issue };
  }

  /** Add a comment; the body must be ADF on cloud and a string on DC. */
  addComment(issue: FakeIssue, body: unknown): { ok: true; comment: FakeIssue['comments'][number] } | { ok: false; errors: FieldErrors } {
    const problem = this.checkRichText(body, `comment body of ${issue.key}`);
    if (problem !== null) return { ok: false, errors: { comment: problem } };
    if (body === null || body === undefined || body === '') return { ok: false, errors: { comment: 'Comment body can not be empty!' } };
    const comment = { id: String(this.nextCommentId++), body, author: this.config.displayName, created: this.stamp() };
    issue.comments.push(comment);
    issue.updated = comment.created;
    return { ok: true, comment };
  }

  /** Null when `value` is an acceptable description/comment body for the flavour, else Jira's message. */
  private checkRichText(value: unknown, what: string): string | null {
    if (value === null) return null;
    if (this.config.flavor === 'datacenter') return typeof value === 'string' ? null : 'Operation value must be a string';
    if (!isRecord(value) || value.type !== 'doc') {
      if (this.config.validate) this.reportViolation(`${what}: not an ADF document (got ${typeof value === 'string' ? 'a string' : typeof value})`);
      return ADF_MESSAGE;
    }
    if (this.config.validate) {
      const problem = this.adf.check(value);
      if (problem !== null) {
        this.reportViolation(`${what}: invalid ADF: ${problem}`);
        return ADF_MESSAGE;
      }
    }
    return null;
  }

  private applyFields(draft: FakeIssue, type: IssueTypeInfo, fields: Record<string, unknown>, screen: readonly string[], errors: FieldErrors): void {
    for (const [fieldId, value] of Object.entries(fields)) {
      if (!screen.includes(fieldId)) {
        errors[fieldId] = cannotBeSet(fieldId);
        continue;
      }
      const problem = this.applyField(draft, type, fieldId, value);
      if (problem !== null) errors[fieldId] = problem;
    }
  }

  private applyField(draft: FakeIssue, type: IssueTypeInfo, fieldId: string, value: unknown): string | null {
    switch (fieldId) {
      case 'project':
      case 'issuetype':
        return null;
      case 'summary':
        if (typeof value !== 'string' || value.trim() === '') return 'You must specify a summary of the issue.';
        if (value.length > 255) return 'Summary must be less than 255 characters.';
        if (/[\r\n]/.test(value)) return 'The summary is invalid because it contains newline characters.';
        draft.summary = value;
        return null;
      case 'description': {
        const problem = this.checkRichText(value, `description of ${draft.key || 'a new issue'}`);
        if (problem === null) draft.description = value === undefined ? null : value;
        return problem;
      }
      case 'priority': {
        if (value === null) {
          draft.priority = null;
          return null;
        }
        if (!isRecord(value)) return 'Specify the Priority (id or name) in the string format';
        const priority = PRIORITIES.find((p) => p.id === value.id || p.name === value.name);
        if (!priority) return `The priority selected is invalid.`;
        draft.priority = priority.name;
        return null;
      }
      case 'labels': {
        if (value === null) {
          draft.labels = [];
          return null;
        }
        if (!Array.isArray(value) || !value.every((l): l is string => typeof l === 'string')) return 'Labels must be a list of strings.';
        const spaced = value.find((l) => /\s/.test(l) || l === '');
        if (spaced !== undefined) return `The label '${spaced}' contains spaces which is invalid.`;
        if (value.some((l) => l.length > 255)) return 'The label must not exceed 255 characters.';
        draft.labels = [...new Set(value)];
        return null;
      }
      case 'parent': {
        if (value === null) {
          if (type.subtask) return 'A sub-task must have a parent.';
          draft.parent = null;
          return null;
        }
        if (!isRecord(value)) return 'Could not find issue by id or key.';
        const ref = typeof value.key === 'string' ? value.key : typeof value.id === 'string' ? value.id : '';
        const parent = this.find(ref);
        if (!parent) return 'Could not find issue by id or key.';
        const parentType = findIssueType(this.config, parent.issueType);
        const fits = type.subtask ? parentType !== undefined && !parentType.subtask && parentType.name !== 'Epic' : parentType?.name === 'Epic';
        if (!fits || parent.key === draft.key) return 'Given parent issue does not belong to appropriate hierarchy.';
        draft.parent = parent.key;
        return null;
      }
      case EPIC_LINK_FIELD_ID: {
        if (value === null) {
          delete draft.fields[EPIC_LINK_FIELD_ID];
          return null;
        }
        const epic = typeof value === 'string' ? this.find(value) : undefined;
        if (!epic || epic.issueType !== 'Epic') return `Epic '${String(value)}' does not exist or is not an epic.`;
        draft.fields[EPIC_LINK_FIELD_ID] = epic.key;
        return null;
      }
      default:
        if (fieldId === this.config.storyPointsFieldId) {
          if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) return 'Operation value must be a number';
          draft.storyPoints = value;
          return null;
        }
        draft.fields[fieldId] = value;
        return null;
    }
  }
}
