/**
 * The command line's patches of the markdown parser's dependencies (bundle-patches.mjs): each one
 * matches its pinned dependency exactly as often as it says, and the model bundled with them
 * parses every fixture note, the examples and a seed-style note to exactly what it parses without.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { seedStyleNote } from '../../bench/model.bench';
import { REPO_ROOT, tempDir } from './harness';

const FIXTURES = join(REPO_ROOT, 'tests/fixtures');

/** One patch of bundle-patches.mjs (plain JavaScript: esbuild.config.mjs runs it as it is). */
interface DependencyPatch {
  readonly file: string;
  readonly find: RegExp;
  readonly replace: string;
  readonly count: number;
}
const { applyPatch, dependencyPatches, PATCHES, patchFor } = require('../../bundle-patches.mjs') as {
  readonly PATCHES: readonly DependencyPatch[];
  patchFor(path: string): DependencyPatch | undefined;
  applyPatch(patch: DependencyPatch, source: string): string;
  readonly dependencyPatches: Plugin;
};

function notes(): string[] {
  const md = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.md')).map((name) => readFileSync(join(dir, name), 'utf8'));
  return [...md(FIXTURES), ...md(join(FIXTURES, 'corpus')), ...md(join(REPO_ROOT, 'examples')), seedStyleNote(30)];
}

/** `parseEpic` from the model bundled by esbuild, with the given plugins. */
async function bundledParse(dir: string, name: string, plugins: Plugin[]): Promise<(text: string) => unknown> {
  const outfile = join(dir, `${name}.cjs`);
  await build({ entryPoints: [join(REPO_ROOT, 'src/model/index.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'silent', plugins });
  const model = require(outfile) as { parseEpic: (text: string) => unknown };
  return (text) => model.parseEpic(text);
}

test.each(PATCHES.map((patch) => [patch.file, patch]))('%s: the patch matches the pinned dependency as often as it says', (file, patch) => {
  const source = readFileSync(join(REPO_ROOT, 'node_modules', file), 'utf8');
  expect(patchFor(join(REPO_ROOT, 'node_modules', file))).toBe(patch);
  const patched = applyPatch(patch, source);
  expect(patched.match(patch.find)).toBeNull();
  expect(() => applyPatch(patch, `${source}\n${source}`)).toThrow(/not 1|not 3/);
});

test('the model parses every note to the same result with the patches as without', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const plain = await bundledParse(dir, 'plain', []);
    const patched = await bundledParse(dir, 'patched', [dependencyPatches]);
    const bundle = readFileSync(join(dir, 'patched.cjs'), 'utf8');
    expect(bundle).toContain('sharedConstructs(');
    expect(bundle).not.toContain('...context');
    const all = notes();
    expect(all.length).toBeGreaterThan(40);
    for (const text of all) expect(JSON.stringify(patched(text))).toBe(JSON.stringify(plain(text)));
  } finally {
    cleanup();
  }
});
