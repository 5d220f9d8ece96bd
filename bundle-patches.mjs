// Two allocation fixes in the markdown parser's dependencies, applied when esbuild bundles the
// command line (dist/cli.js; esbuild.config.mjs). Behaviour is the same; what changes is what a
// cold parse of a note allocates, one `fromMarkdown` call per section (src/model/markdown.ts):
//
// - mdast-util-from-markdown calls each token handler on `{...context, sliceSerialize}`. On the
//   command line's Node (V8 11), optimised code allocating a spread-then-extended literal puts it
//   in the old generation: ~140 MB of old-generation garbage for a 2,000-story note, collected only
//   by full collections. `Object.assign({}, context, {sliceSerialize})` makes the same object,
//   allocated young and collected young.
// - micromark's `parse(options)` merges the syntax extensions into a new constructs table per
//   call (`combineExtensions`), ~30 MB for 7,000 sections. The table is only read while parsing
//   (`parser.constructs.*`), so one per extension list is kept and reused.
//
// Measured with `npm run bench memory` (`cli.peak-rss.2000`) and `/usr/bin/time`: both together
// take the command line's peak on a 2,000-story note from ~155 to ~136 MiB and its CPU time by a
// quarter. Each patch must match its pinned dependency exactly as often as stated, else the build
// fails (a changed dependency is read again, not patched blindly).
import { readFile } from 'node:fs/promises';

/** One textual patch of one dependency file. */
export const PATCHES = [
  {
    file: 'mdast-util-from-markdown/lib/index.js',
    find: /\{\s*\.\.\.context,\s*sliceSerialize: events\[index\]\[2\]\.sliceSerialize\s*\}/g,
    replace: 'Object.assign({}, context, {sliceSerialize: events[index][2].sliceSerialize})',
    count: 3,
  },
  {
    file: 'micromark/lib/parse.js',
    find: /combineExtensions\(\[defaultConstructs, \.\.\.\(settings\.extensions \|\| \[\]\)\]\)/g,
    replace: 'sharedConstructs(settings.extensions || NO_EXTENSIONS)',
    count: 1,
    append: [
      '',
      '// bundle-patches.mjs: one constructs table per extension list (parsing only reads it).',
      'const NO_EXTENSIONS = [];',
      'const constructsByExtensions = new WeakMap();',
      'function sharedConstructs(extensions) {',
      '  let constructs = constructsByExtensions.get(extensions);',
      '  if (constructs === undefined) {',
      '    constructs = combineExtensions([defaultConstructs, ...extensions]);',
      '    constructsByExtensions.set(extensions, constructs);',
      '  }',
      '  return constructs;',
      '}',
      '',
    ].join('\n'),
  },
];

/** `text` matched literally in a regular expression. */
const literally = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The files `PATCHES` names, as esbuild's load filter (any OS separator). */
const PATCHED_FILES = new RegExp(`[\\\\/]node_modules[\\\\/](?:${PATCHES.map((patch) => literally(patch.file).split('/').join('[\\\\/]')).join('|')})$`);

/** The patch for a module path (any OS separator), or undefined. */
export function patchFor(path) {
  const normal = path.split('\\').join('/');
  return PATCHES.find((patch) => normal.endsWith(`/node_modules/${patch.file}`));
}

/** `source` with `patch` applied; throws when its pattern does not match exactly `patch.count` times. */
export function applyPatch(patch, source) {
  const found = source.match(patch.find)?.length ?? 0;
  if (found !== patch.count) {
    throw new Error(`bundle-patches.mjs: ${patch.file} has ${found} match(es) of its patch, not ${patch.count}; read the dependency again`);
  }
  return source.replace(patch.find, patch.replace) + (patch.append ?? '');
}

/** The esbuild plugin applying `PATCHES` to the files they name. */
export const dependencyPatches = {
  name: 'dependency-patches',
  setup(build) {
    build.onLoad({ filter: PATCHED_FILES }, async (args) => {
      const patch = patchFor(args.path);
      if (patch === undefined) return undefined;
      return { contents: applyPatch(patch, await readFile(args.path, 'utf8')), loader: 'js' };
    });
  },
};
