/** Which GitHub epic a sync is about: `1`, `#1` or `acme/infra#1`, in its repository or the configured one. */
import fc from 'fast-check';
import { parseRepository, resolveGitHubEpic } from '../../../src/sync/github/epic-ref';

const configured = { owner: 'acme', repo: 'infra' };

test.each([
  ['1', 'acme', 'infra', '#1', 'acme/infra#1'],
  ['#1', 'acme', 'infra', '#1', 'acme/infra#1'],
  [' #42 ', 'acme', 'infra', '#42', 'acme/infra#42'],
  ['other/app.js#7', 'other', 'app.js', '#7', 'other/app.js#7'],
])('%j is #N of its repository', (text, owner, repo, key, recordKey) => {
  expect(resolveGitHubEpic(text, configured)).toEqual({ ok: true, epic: { repository: { owner, repo }, number: Number(key.slice(1)), key, recordKey } });
});

test.each(['INFRA-100', '#0', 'acme/infra', 'acme/infra12', '', '#1 #2', 'a b/c#1'])('%j is not a GitHub epic', (text) => {
  expect(resolveGitHubEpic(text, configured)).toEqual({ ok: false, problem: 'notAReference' });
});

test('a number alone needs a configured repository', () => {
  expect(resolveGitHubEpic('#3', null)).toEqual({ ok: false, problem: 'noRepository' });
  expect(resolveGitHubEpic('acme/infra#3', null)).toMatchObject({ ok: true, epic: { key: '#3' } });
});

test('parseRepository reads owner/repo only', () => {
  expect(parseRepository(' acme/infra ')).toEqual(configured);
  for (const text of ['acme', 'acme/infra#1', 'acme/in fra', '/infra', 'acme/', '']) expect(parseRepository(text)).toBeNull();
});

test('property: any N and repository round-trip through every form', () => {
  const name = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,10}$/);
  fc.assert(fc.property(fc.integer({ min: 1, max: 999_999_999 }), name, name, (number, owner, repo) => {
    const repository = { owner, repo };
    for (const text of [String(number), `#${number}`, `${owner}/${repo}#${number}`]) {
      const resolved = resolveGitHubEpic(text, repository);
      expect(resolved).toEqual({ ok: true, epic: { repository, number, key: `#${number}`, recordKey: `${owner}/${repo}#${number}` } });
    }
  }));
});
