/** @jest-environment node */
/**
 * The command line's V8 heap settings: applied through V8's setter, and each one a flag V8 knows
 * (V8 ignores an unknown or misspelt flag set at run time without a word, so node is asked).
 */
import { spawnSync } from 'node:child_process';
import { applyHeapSettings, CLI_V8_FLAGS } from '../../src/cli/heap-settings';

test('applyHeapSettings sets every flag of CLI_V8_FLAGS, the old generation growing by a bounded percentage among them', () => {
  const set: string[] = [];
  applyHeapSettings((flag) => set.push(flag));
  expect(set).toEqual([...CLI_V8_FLAGS]);
  expect(set.some((flag) => /^--heap-growing-percent=\d+$/.test(flag))).toBe(true);
});

test.each(CLI_V8_FLAGS.map((flag) => [flag]))('node accepts %s', (flag) => {
  const run = spawnSync(process.execPath, [flag, '-e', '0'], { encoding: 'utf8', timeout: 15_000 });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
});

test('node rejects a misspelt flag (so the test above can fail)', () => {
  const run = spawnSync(process.execPath, ['--heap-growng-percent=10', '-e', '0'], { encoding: 'utf8', timeout: 15_000 });
  expect(run.status).not.toBe(0);
});
