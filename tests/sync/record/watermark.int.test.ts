/** The incremental read's clause against the fake Jira: what changed since the record's watermark, in any time zone. */
import { updatedSinceClause } from '../../../src/sync/jira/updated-since';
import { recordWatermark } from '../../../src/sync/record/watermark';
import { updateRecord } from '../../../src/sync/record/update';
import { startFake } from '../helpers';

test('the watermark is the latest tracker stamp; the clause finds exactly the issues changed since, whatever the account\'s time zone', async () => {
  let at = Date.parse('2026-12-06T09:00:00.000Z');
  for (const timeZone of ['UTC', 'Pacific/Kiritimati', 'America/Adak']) {
    const jira = await startFake({ now: () => new Date(at), timeZone, issues: [101, 102, 103].map((n) => ({ key: `INFRA-${n}`, summary: `S${n}`, parent: 'INFRA-100' })) });
    try {
      const stamps = new Map([...jira.issues.values()].map((issue) => [issue.key, issue.updated.replace('Z', '+0000')]));
      const record = updateRecord({ previous: null, epic: 'INFRA-100', tracker: 'jira', site: jira.url, agreements: [101, 102, 103].map((n) => ({ key: `INFRA-${n}`, storyId: `US-${n}`, subtask: null, field: 'title' as const, agreed: { note: `S${n}`, tracker: `S${n}` } })), updated: stamps, now: new Date(at) });
      expect(recordWatermark(record)?.toISOString()).toBe('2026-12-06T09:00:00.000Z');
      // Two hours later a teammate edits INFRA-102; the sync runs 90 minutes after that.
      at += 2 * 3_600_000;
      const edited = await fetch(`${jira.url}/rest/api/3/issue/INFRA-102`, { method: 'PUT', headers: { authorization: `Basic ${Buffer.from('dev@example.com:fake-token-123').toString('base64')}`, 'content-type': 'application/json' }, body: JSON.stringify({ fields: { summary: 'changed' } }) });
      expect(edited.status).toBe(204);
      at += 90 * 60_000;
      const since = new Date(Date.parse('2026-12-06T09:00:00.000Z') + 60 * 60_000);
      const clause = updatedSinceClause(since, new Date(at), 0);
      expect(clause).toBe('updated >= -150m');
      const answer = await fetch(`${jira.url}/rest/api/3/search/jql`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from('dev@example.com:fake-token-123').toString('base64')}`, 'content-type': 'application/json' }, body: JSON.stringify({ jql: `parent = INFRA-100 AND ${clause}`, fields: ['updated'] }) });
      expect(((await answer.json()) as { issues: { key: string }[] }).issues.map((issue) => issue.key)).toEqual(['INFRA-102']);
      expect(jira.violations).toEqual([]);
    } finally {
      await jira.close();
      at = Date.parse('2026-12-06T09:00:00.000Z');
    }
  }
});

test('no stamps: no watermark (read everything); the margin covers a clock behind Jira\'s', () => {
  expect(recordWatermark(null)).toBeNull();
  expect(updatedSinceClause(new Date('2026-12-06T10:00:00Z'), new Date('2026-12-06T10:00:30Z'))).toBe('updated >= -11m');
  expect(updatedSinceClause(new Date('2026-12-06T10:00:00Z'), new Date('2026-12-06T09:00:00Z'), 5)).toBe('updated >= -5m');
});
