import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseEpic, progress } from '../../src/model';
import { buildReport, reportCounts } from '../../src/model/report';
import type { ReportOperation } from '../../src/model/report';

const example = (name: string): string => readFileSync(join(__dirname, '../../examples', name), 'utf8');
const seedNote = example('postgres-to-crdb.md');
const searchNote = example('search-rollout.md');

const counts = (stories: number, storiesDone: number, points: number, pointsDone: number, subtasks: number, subtasksDone: number) => ({
  stories, stories_done: storiesDone, stories_cancelled: 0, points, points_done: pointsDone,
  subtasks, subtasks_done: subtasksDone, unestimated: 0,
});

describe('buildReport on the seed note', () => {
  const report = buildReport({ result: parseEpic(seedNote), tracker: null, dryRun: true });

  test('reports the epic and the offline run', () => {
    expect(report.epic_key).toBeNull();
    expect(report.epic_title).toBe('Database Migration: PostgreSQL to CockroachDB');
    expect(report.tracker).toBeNull();
    expect(report.dry_run).toBe(true);
    expect(report.operations).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  test('counts phases and totals as the seed says (7 stories, 37 points, 28 subtasks)', () => {
    expect(report.phases).toEqual([
      { name: 'Preparation', ...counts(2, 2, 8, 8, 7, 7) },
      { name: 'Development', ...counts(2, 0, 13, 0, 9, 2) },
      { name: 'Testing', ...counts(2, 0, 8, 0, 7, 0) },
      { name: 'Migration', ...counts(1, 0, 8, 0, 5, 0) },
    ]);
    expect(report.totals).toEqual(counts(7, 2, 37, 8, 28, 9));
  });

  test('reports the first story with the fields of docs/cli.md', () => {
    const first = report.stories[0];
    expect(first).toMatchObject({
      id: 'US-001', title: 'Schema Compatibility Analysis', type: '🔧', phase: 'Preparation',
      status: 'done', priority: 'critical', story_points: 5, issue_key: null, line: 43,
    });
    expect(first?.acceptance_criteria[0]).toEqual({ text: 'All tables analyzed for compatibility', done: true });
    expect(first?.acceptance_criteria).toHaveLength(4);
    expect(first?.subtasks[0]).toEqual({
      number: 1, name: 'Export schema', description: 'pg_dump schema only', story_points: 1,
      status: 'done', issue_key: null, assignee: null,
    });
    expect(report.stories.map((s) => [s.id, s.line, s.status])).toEqual([
      ['US-001', 43, 'done'], ['US-002', 76, 'done'], ['US-003', 105, 'in_progress'], ['US-004', 139, 'planned'],
      ['US-005', 169, 'planned'], ['US-006', 202, 'planned'], ['US-007', 231, 'planned'],
    ]);
    expect(report.stories[4]?.type).toBe('🧪');
    expect(report.stories[3]?.priority).toBe('high');
  });

  test('pins the contract field names (add, never rename)', () => {
    expect(Object.keys(report)).toEqual([
      'epic_key', 'epic_title', 'tracker', 'dry_run', 'phases', 'totals', 'stories', 'operations',
      'diagnostics', 'errors', 'warnings',
    ]);
    expect(Object.keys(report.phases[0] ?? {})).toEqual(expect.arrayContaining([
      'name', 'stories', 'stories_done', 'stories_cancelled', 'points', 'points_done', 'subtasks', 'subtasks_done',
    ]));
    expect(Object.keys(report.stories[0] ?? {})).toEqual(expect.arrayContaining([
      'id', 'title', 'type', 'phase', 'status', 'priority', 'story_points', 'issue_key', 'line',
      'acceptance_criteria', 'subtasks',
    ]));
    expect(Object.keys(report.stories[0]?.subtasks[0] ?? {})).toEqual(expect.arrayContaining([
      'number', 'name', 'description', 'story_points', 'status', 'issue_key',
    ]));
  });

  test('takes its phases and totals from progress(), so every consumer agrees', () => {
    const model = progress(parseEpic(seedNote).epic);
    expect(report.phases.map((p) => p.name)).toEqual(model.phases.map((p) => p.name));
    expect(report.totals).toEqual(reportCounts(model.totals));
  });
});

describe('buildReport options', () => {
  const result = parseEpic(searchNote);

  test('uses the frontmatter epic key unless overridden', () => {
    expect(buildReport({ result, tracker: null, dryRun: true }).epic_key).toBe('SRCH-40');
    expect(buildReport({ result, tracker: null, dryRun: true, epicKey: 'OTHER-7' }).epic_key).toBe('OTHER-7');
    expect(buildReport({ result, tracker: null, dryRun: true, epicKey: null }).epic_key).toBe('SRCH-40');
  });

  test('passes tracker, dry run, operations, errors and warnings through', () => {
    const operations: ReportOperation[] = [
      { action: 'create_story', story: 'SRCH-4', issue_key: null, fields: { summary: 'Gradual rollout' }, status: 'planned' },
      { action: 'transition_subtask', story: 'SRCH-2', subtask: 2, issue_key: 'SRCH-51', fields: { status: 'Done' }, status: 'failed', error: 'No transition' },
    ];
    const report = buildReport({ result, tracker: 'jira', dryRun: false, operations, errors: ['e1'], warnings: ['w1'] });
    expect(report.tracker).toBe('jira');
    expect(report.dry_run).toBe(false);
    expect(report.operations).toEqual(operations);
    expect(report.errors).toEqual(['e1']);
    expect(report.warnings).toEqual(['w1']);
  });

  test('reports labels, assignee, blocked status and task-list subtasks of the second example', () => {
    const report = buildReport({ result, tracker: null, dryRun: true });
    const byId = new Map(report.stories.map((s) => [s.id, s]));
    expect(byId.get('SRCH-1')?.labels).toEqual(['search', 'metrics']);
    expect(byId.get('SRCH-2')?.assignee).toBe('dana');
    expect(byId.get('SRCH-2')?.subtasks.map((s) => s.status)).toEqual(['done', 'in_progress', 'in_review', 'planned']);
    expect(byId.get('SRCH-3')?.status).toBe('blocked');
    expect(byId.get('SRCH-3')?.subtasks.map((s) => [s.name, s.story_points, s.status])).toEqual([
      ['Debug panel', 2, 'open'], ['Score breakdown API', 3, 'open'],
    ]);
    expect(byId.get('SRCH-4')).toMatchObject({ story_points: 3, priority: 'high', status: 'planned', phase: 'Rollout' });
    expect(report.phases.map((p) => p.name)).toEqual(['Discovery', 'Build', 'Rollout']);
  });
});

describe('buildReport diagnostics and phases', () => {
  const note = [
    '# Epic',
    '',
    '### US-010: Before any phase',
    '',
    '| Field | Value |',
    '|---|---|',
    '| **Story Points** | lots |',
    '',
    '## Phase 1: Build',
    '',
    '### US-011: Later',
    '**Story Points**: 2  **Status**: Done',
    '',
    '### US-011: Again',
    '**Story Points**: 1',
    '',
  ].join('\n');
  const result = parseEpic(note);
  const report = buildReport({ result, tracker: null, dryRun: true });

  test('a story without a phase has phase null and is counted under "No phase"', () => {
    expect(report.stories[0]?.phase).toBeNull();
    expect(report.phases.map((p) => [p.name, p.stories])).toEqual([['Build', 2], ['No phase', 1]]);
  });

  test('maps every diagnostic with its line, sorted by line', () => {
    expect(report.diagnostics).toHaveLength(result.diagnostics.length);
    expect(report.diagnostics.length).toBeGreaterThan(0);
    const lines = report.diagnostics.map((d) => d.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(report.diagnostics.some((d) => d.code === 'invalid-points' && d.line === 7)).toBe(true);
    expect(report.diagnostics.some((d) => d.code === 'duplicate-story-id')).toBe(true);
    for (const d of report.diagnostics) expect(Object.keys(d)).toEqual(['severity', 'code', 'message', 'line', 'story']);
  });

  test('counts an unestimated story with zero points and flags it', () => {
    expect(report.totals.points).toBe(3);
    expect(report.totals.unestimated).toBe(1);
  });
});

describe('buildReport on any text', () => {
  const lineOf = fc.oneof(
    fc.constantFrom('# Epic', '## Phase 1: A', '## Phase 2: B', '### US-001: One', '### US-002: Two', '### us-3: low',
      '| **Story Points** | 3 |', '**Status**: Done', '- [x] ok', '- [ ] not yet', '#### Subtasks', '#### Acceptance Criteria',
      '| # | Subtask | SP | Status |', '|---|---|---|---|', '| 1 | Do | 2 | ✅ Done |', '---', '```', ''),
    fc.string(),
  );

  test('never throws, serialises to the same JSON, and its counts add up', () => {
    fc.assert(fc.property(fc.array(lineOf, { maxLength: 40 }), (lines) => {
      const text = lines.join('\n');
      const report = buildReport({ result: parseEpic(text), tracker: null, dryRun: true });
      expect(JSON.parse(JSON.stringify(report))).toEqual(report);
      expect(report.totals.stories).toBe(report.stories.length);
      expect(report.phases.reduce((sum, p) => sum + p.stories, 0)).toBe(report.totals.stories);
      expect(report.phases.reduce((sum, p) => sum + p.subtasks, 0)).toBe(report.totals.subtasks);
      const lineCount = text.split('\n').length;
      for (const story of report.stories) {
        expect(story.line).toBeGreaterThanOrEqual(1);
        expect(story.line).toBeLessThanOrEqual(lineCount);
      }
    }), { numRuns: 150 });
  });
});
