import {
  PRIORITY_VOCABULARY, STATUS_VOCABULARY, STATUSES, matchPriority, matchStatus, statusEmoji, statusLabel,
} from '../../src/model';

test('the vocabulary tables (a change shows in review)', () => {
  expect({ status: STATUS_VOCABULARY, priority: PRIORITY_VOCABULARY }).toMatchSnapshot();
});

describe('matchStatus', () => {
  test.each([
    ['✅ Done', 'done'], ['Done', 'done'], ['resolved', 'done'], ['Closed', 'done'], ['Complete', 'done'], ['Completed', 'done'],
    ['✔️', 'done'], ['✔', 'done'], ['☑️', 'done'], ['☑', 'done'],
    ['🔄 In Progress', 'in_progress'], ['in progress', 'in_progress'], ['In Development', 'in_progress'], ['Active', 'in_progress'],
    ['Doing', 'in_progress'], ['Started', 'in_progress'], ['🚧', 'in_progress'], ['⏳', 'in_progress'], ['in_progress', 'in_progress'],
    ['👀 In Review', 'in_review'], ['Review', 'in_review'], ['Testing', 'in_review'], ['QA', 'in_review'], ['🔍', 'in_review'],
    ['📂 Open', 'open'], ['To Do', 'open'], ['Todo', 'open'], ['to-do', 'open'], ['New', 'open'], ['Reopened', 'open'], ['Ready', 'open'],
    ['📋 Planned', 'planned'], ['Backlog', 'planned'], ['Not Started', 'planned'], ['🔲', 'planned'],
    ['⏸️ Blocked', 'blocked'], ['⏸', 'blocked'], ['On Hold', 'blocked'], ['Waiting', 'blocked'], ['🚫', 'blocked'], ['⛔', 'blocked'],
    ['❌ Cancelled', 'cancelled'], ['Canceled', 'cancelled'], ["Won't Do", 'cancelled'], ['Won’t Fix', 'cancelled'], ['wontfix', 'cancelled'],
    ['✅ Blocked', 'blocked'], ['**Done**', 'done'],
  ])('%s → %s', (text, status) => {
    expect(matchStatus(text)).toEqual({ status, known: true });
  });

  test.each(['Not done', 'Unresolved', 'Vibing', '', 'Doneish', 'undone', 'not closed'])('%s is unknown and reads as planned', (text) => {
    expect(matchStatus(text)).toEqual({ status: 'planned', known: false });
  });
});

describe('matchPriority', () => {
  test.each([
    ['🔴 Critical', 'critical'], ['Blocker', 'critical'], ['Highest', 'critical'], ['Urgent', 'critical'], ['P0', 'critical'], ['🔴', 'critical'],
    ['🟡 High', 'high'], ['🟠', 'high'], ['Major', 'high'], ['p1', 'high'],
    ['🟢 Medium', 'medium'], ['Normal', 'medium'], ['P2', 'medium'], ['🔵', 'medium'],
    ['🟢 Low', 'low'], ['Minor', 'low'], ['Lowest', 'low'], ['Trivial', 'low'], ['P3', 'low'], ['P4', 'low'], ['⚪', 'low'], ['⚫', 'low'],
  ])('%s → %s', (text, priority) => {
    expect(matchPriority(text)).toEqual({ priority, known: true });
  });

  test.each(['Whenever', '', 'P5', 'Highish'])('%s is unknown and reads as medium', (text) => {
    expect(matchPriority(text)).toEqual({ priority: 'medium', known: false });
  });
});

test('labels and canonical emoji of every status', () => {
  expect(STATUSES.map((status) => [status, statusLabel(status), statusEmoji(status)])).toEqual([
    ['planned', 'Planned', '📋'], ['open', 'Open', '📂'], ['in_progress', 'In progress', '🔄'], ['in_review', 'In review', '👀'],
    ['blocked', 'Blocked', '⏸️'], ['done', 'Done', '✅'], ['cancelled', 'Cancelled', '❌'],
  ]);
});

test('every canonical emoji and label reads back as its own status', () => {
  for (const status of STATUSES) {
    expect(matchStatus(statusEmoji(status)).status).toBe(status);
    expect(matchStatus(statusLabel(status)).status).toBe(status);
  }
});
