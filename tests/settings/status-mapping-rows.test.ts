/**
 * The status rows' descriptions: a Jira name two note statuses share is named in both rows (case
 * as the sync compares: insensitive), for any mapping; a row whose names are its own says nothing.
 */
import fc from 'fast-check';
import { STATUSES, type Status } from '../../src/model/types';
import { DEFAULT_SETTINGS, migrateSettings } from '../../src/settings/settings';
import { sharedStatusNames, statusRowDescription } from '../../src/settings/status-mapping-rows';

const name = fc.constantFrom('To Do', 'to do', 'Backlog', 'Done', 'Open', 'Closed', 'In Progress');

test('the default mapping shares only To Do, between Planned and Open', () => {
  const shared = Object.fromEntries(STATUSES.map((status) => [status, sharedStatusNames(DEFAULT_SETTINGS.statusMapping, status)]));
  expect(shared).toEqual({
    planned: [{ name: 'To Do', alsoMeans: ['open'] }], open: [{ name: 'To Do', alsoMeans: ['planned'] }],
    in_progress: [], in_review: [], blocked: [], done: [], cancelled: [],
  });
  expect(statusRowDescription(DEFAULT_SETTINGS.statusMapping, 'done')).toBe('');
});

test('for any mapping, a name shared by two rows is named in both, each pointing at the other', () => {
  fc.assert(fc.property(fc.dictionary(fc.constantFrom(...STATUSES), fc.uniqueArray(name, { maxLength: 3 })), (raw) => {
    const { statusMapping } = migrateSettings({ statusMapping: raw });
    for (const a of STATUSES) {
      for (const b of STATUSES) {
        if (a === b) continue;
        const both = statusMapping[a].some((x) => statusMapping[b].some((y) => x.toLowerCase() === y.toLowerCase()));
        expect(sharedStatusNames(statusMapping, a).some((shared) => shared.alsoMeans.includes(b as Status))).toBe(both);
      }
      expect(statusRowDescription(statusMapping, a) === '').toBe(sharedStatusNames(statusMapping, a).length === 0);
    }
  }));
});
