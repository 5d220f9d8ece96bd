import { formatReportText } from '../../src/cli/text-output';
import type { TextOutputOptions } from '../../src/cli/text-output';
import type { EpicReport, ReportCounts } from '../../src/model/report';

const counts = (overrides: Partial<ReportCounts>): ReportCounts => ({
  stories: 0, stories_done: 0, stories_cancelled: 0, points: 0, points_done: 0, subtasks: 0, subtasks_done: 0, unestimated: 0,
  ...overrides,
});

const report: EpicReport = {
  epic_key: 'SRCH-40',
  epic_title: 'Search Relevance Rollout',
  tracker: 'jira',
  dry_run: true,
  phases: [
    { name: 'Discovery', ...counts({ stories: 1, stories_done: 1, points: 0.5, points_done: 0.5 }) },
    { name: 'No phase', ...counts({ stories: 3, stories_cancelled: 1, points: 0.30000000000000004, unestimated: 1, subtasks: 4, subtasks_done: 1 }) },
  ],
  totals: counts({ stories: 4, stories_done: 1, stories_cancelled: 1, points: 0.8, points_done: 0.5, unestimated: 1, subtasks: 4, subtasks_done: 1 }),
  stories: [],
  operations: [
    { action: 'create_story', story: 'SRCH-4', issue_key: null, fields: { summary: 'Gradual rollout' }, status: 'planned' },
    { action: 'transition_subtask', story: 'SRCH-2', subtask: 3, issue_key: 'SRCH-53', fields: { status: 'In Review' }, status: 'failed', error: 'No transition to In Review' },
    { action: 'add_comment', story: 'SRCH-2', issue_key: 'SRCH-50', fields: {}, status: 'skipped', reason: 'already posted' },
  ],
  diagnostics: [
    { severity: 'error', code: 'duplicate-story-id', message: 'SRCH-2 appears twice.', line: 7, story: 'SRCH-2' },
    { severity: 'warning', code: 'invalid-points', message: 'Points "lots" are not a number.', line: 12, story: 'SRCH-3' },
    { severity: 'info', code: 'unestimated', message: 'SRCH-4 is not estimated.', line: 120, story: 'SRCH-4' },
  ],
  errors: ['Epic SRCH-40 was not found.'],
  warnings: ['Two remote issues match no story.'],
};

const plain: TextOutputOptions = { color: false, verbose: false, quiet: false, mode: 'report', notePath: 'note.md' };

describe('formatReportText', () => {
  test('summarises the run, the phases with cancelled and unestimated counts, and rounds points', () => {
    const text = formatReportText(report, plain);
    expect(text.split('\n').slice(0, 2)).toEqual(['Search Relevance Rollout SRCH-40', 'Dry run against jira: nothing was changed.']);
    expect(text).toMatch(/Discovery\s+1\/1\s+0\.5\/0\.5\s+0\/0/);
    expect(text).toMatch(/No phase\s+0\/3 \(1 cancelled\)\s+0\/0\.3 \(1 unestimated\)\s+1\/4/);
    expect(text).toMatch(/Overall\s+1\/4 \(1 cancelled\)\s+0\.5\/0\.8 \(1 unestimated\)\s+1\/4/);
  });

  test('lists planned, failed and skipped operations with their error or reason', () => {
    const text = formatReportText(report, plain);
    expect(text).toContain('Planned changes: 3');
    expect(text).toContain('planned  create story  SRCH-4');
    expect(text).toContain('failed   transition subtask  SRCH-2 #3 SRCH-53: No transition to In Review');
    expect(text).toContain('skipped  add comment  SRCH-2 SRCH-50: already posted');
  });

  test('lists errors and warnings with aligned line numbers; info only with -v', () => {
    const text = formatReportText(report, plain);
    expect(text).toContain('Diagnostics: 1 error, 1 warning, 1 info');
    expect(text).toContain('  line  7  error    SRCH-2 appears twice. (duplicate-story-id)');
    expect(text).toContain('  line 12  warning  Points "lots" are not a number. (invalid-points)');
    expect(text).not.toContain('SRCH-4 is not estimated.');
    expect(text).toContain('(1 info hidden; -v shows them)');
    expect(text).toContain('Warning: Two remote issues match no story.');
    expect(text).toContain('Error: Epic SRCH-40 was not found.');
    expect(formatReportText(report, { ...plain, verbose: true })).toContain('  line 120  info     SRCH-4 is not estimated. (unestimated)');
  });

  test('operations skipped for a reason other than a cancel are summarised by reason (they make the exit code 64)', () => {
    const skipped = { action: 'transition_story' as const, issue_key: 'SRCH-51', fields: {}, status: 'skipped' as const, reason: 'no transition leads to Done' };
    const withSkips = { ...report, operations: [...report.operations, { ...skipped, story: 'SRCH-1' }, { ...skipped, story: 'SRCH-3' }, { ...skipped, story: 'SRCH-5', reason: 'cancelled' }] };
    const text = formatReportText(withSkips, plain);
    expect(text).toContain('Skipped 3 operations:\n  already posted: SRCH-2 (add comment)\n  no transition leads to Done: SRCH-1 (transition story), SRCH-3 (transition story)\n');
    expect(text).not.toMatch(/cancelled:/);
    expect(formatReportText(withSkips, { ...plain, quiet: true })).toContain('  no transition leads to Done: SRCH-1 (transition story), SRCH-3 (transition story)\n');
  });

  test('quiet keeps only errors (and why operations were skipped); validate mode leads with the counts and skips the table', () => {
    expect(formatReportText(report, { ...plain, quiet: true })).toBe(
      '  line 7  error    SRCH-2 appears twice. (duplicate-story-id)\nError: Epic SRCH-40 was not found.\nSkipped 1 operation:\n  already posted: SRCH-2 (add comment)\n');
    expect(formatReportText({ ...report, diagnostics: [], errors: [], operations: [] }, { ...plain, quiet: true })).toBe('');
    const validate = formatReportText(report, { ...plain, mode: 'validate' });
    expect(validate.startsWith('note.md: 1 error, 1 warning, 1 info\n')).toBe(true);
    expect(validate).not.toContain('Overall');
  });

  test('a clean note says so; colour codes only when asked', () => {
    const clean = { ...report, diagnostics: [], errors: [], warnings: [], operations: [], tracker: null };
    const text = formatReportText(clean, plain);
    expect(text).toContain('No problems found in the note.');
    expect(text).toContain('The note alone: no tracker settings');
    expect(text).not.toContain('\u001b[');
    expect(formatReportText(clean, { ...plain, color: true })).toContain('\u001b[32mNo problems found in the note.\u001b[39m');
  });
});
