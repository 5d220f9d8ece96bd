import { readArgs } from '../../src/cli/args';
import type { CliOptions } from '../../src/cli/args';

function options(argv: string[]): CliOptions {
  const outcome = readArgs(argv);
  if (!outcome.ok) throw new Error(`unexpected usage error: ${outcome.error}`);
  return outcome.options;
}

describe('readArgs', () => {
  test('defaults: dry run, text, phase all, every story, tracker from the note', () => {
    expect(options(['-m', 'n.md'])).toEqual({
      notePath: 'n.md', epicKey: null, execute: false, phase: 'all', stories: [], updateSource: null,
      output: 'text', exportPath: null, validate: false, tracker: null, quiet: false, verbose: false,
      color: true, help: false, version: false, conflictStrategy: 'skip', pullOnly: false, recordPath: null,
    });
  });

  test('two-way flags: --conflict-strategy, --pull, --bidirectional/--two-way, --record', () => {
    expect(options(['--conflict-strategy', 'Force-Remote', '--pull', '--record', ' r.jsonl '])).toMatchObject({ conflictStrategy: 'force-remote', pullOnly: true, recordPath: 'r.jsonl' });
    expect(options(['--bidirectional']).pullOnly).toBe(false);
    expect(options(['--two-way']).pullOnly).toBe(false);
    const bad = readArgs(['--conflict-strategy', 'merge']);
    expect(bad.ok ? '' : bad.error).toBe('--conflict-strategy must be one of skip, force-local, force-remote, abort (got "merge").');
    const both = readArgs(['--pull', '--two-way']);
    expect(both.ok ? '' : both.error).toBe('Choose one of --pull and --bidirectional/--two-way.');
  });

  test('reads every flag in its short and long form', () => {
    expect(options(['-f', 'n.md', '-e', ' INFRA-100 ', '-x', '--phase', 'statuses', '--story', 'us-001', '--story', 'US-002',
      '--output', 'JSON', '--export', 'out.json', '--tracker', 'jira', '-v', '--no-color'])).toMatchObject({
      notePath: 'n.md', epicKey: 'INFRA-100', execute: true, phase: 'statuses', stories: ['US-001', 'US-002'],
      output: 'json', exportPath: 'out.json', tracker: 'jira', verbose: true, color: false,
    });
    expect(options(['--input', 'n.md', '--epic=E-1', '--execute', '--validate', '-q', '-h', '--version'])).toMatchObject({
      notePath: 'n.md', epicKey: 'E-1', execute: true, validate: true, quiet: true, help: true, version: true,
    });
  });

  test('--tracker github (any case) and GitHub epics as given: 1, #1, acme/infra#1', () => {
    for (const epic of ['1', '#1', 'acme/infra#1']) {
      expect(options(['--tracker', 'GitHub', '-e', epic])).toMatchObject({ tracker: 'github', epicKey: epic });
    }
  });

  test('the later of --update-source and --no-update-source wins', () => {
    expect(options(['--update-source']).updateSource).toBe(true);
    expect(options(['--no-update-source']).updateSource).toBe(false);
    expect(options(['--update-source', '--no-update-source']).updateSource).toBe(false);
    expect(options(['--no-update-source', '--update-source']).updateSource).toBe(true);
  });

  test.each([
    [['--nope'], "Unknown option '--nope'"],
    [['stray'], 'stray'],
    [['--phase', 'x'], '--phase must be one of'],
    [['--output', 'yaml'], '--output must be one of'],
    [['--tracker', 'jira-cloud'], '--tracker must be one of'],
    [['-q', '-v'], 'Choose one of'],
    [['-e', ''], '-e/--epic needs an epic key'],
  ])('%j is a usage error', (argv, message) => {
    const outcome = readArgs(argv);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toContain(message);
  });

  test('-m and -f naming different notes is an error; the same note is fine', () => {
    expect(readArgs(['-m', 'a.md', '-f', 'b.md']).ok).toBe(false);
    expect(options(['-m', 'a.md', '-f', 'a.md']).notePath).toBe('a.md');
  });
});
