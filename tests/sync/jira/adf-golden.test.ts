/**
 * Markdown → ADF (and → Jira wiki markup) golden files: `tests/sync/jira/adf/*.md` next to `*.json` and
 * `*.wiki`. `UPDATE=1 npx jest tests/sync/jira/adf-golden.test.ts` regenerates them. Every produced
 * document is validated against Atlassian's ADF schema (@atlaskit/adf-schema full.json, draft-04).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import adfSchema from '@atlaskit/adf-schema/json-schema/v1/full.json';
import fc from 'fast-check';
import { parseEpic } from '../../../src/model';
import { markdownToAdf } from '../../../src/sync/jira/adf';
import { adfDoc } from '../../../src/sync/jira/adf-types';
import { commentBody, commitBody, storyDescription, subtaskDescription } from '../../../src/sync/jira/description';
import { adfToWiki } from '../../../src/sync/jira/wiki';
import { example } from '../helpers';

const directory = join(__dirname, 'adf');
const update = process.env.UPDATE === '1';
const validate = new Ajv04({ strict: false }).compile(adfSchema);

function expectValidAdf(document: unknown): void {
  const valid = validate(document);
  if (!valid) throw new Error(`invalid ADF: ${JSON.stringify(validate.errors?.slice(0, 3))}\n${JSON.stringify(document, null, 1)}`);
}

function golden(path: string, actual: string): void {
  if (update || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const files = readdirSync(directory).filter((name) => name.endsWith('.md')).sort();

test('there are golden files', () => {
  expect(files.length).toBeGreaterThanOrEqual(5);
});

describe.each(files)('%s', (name) => {
  const markdown = readFileSync(join(directory, name), 'utf8');
  const document = adfDoc(markdownToAdf(markdown));

  test('matches its ADF golden file and the ADF schema', () => {
    expectValidAdf(document);
    golden(join(directory, name.replace(/\.md$/, '.json')), `${JSON.stringify(document, null, 2)}\n`);
  });

  test('matches its wiki markup golden file', () => {
    golden(join(directory, name.replace(/\.md$/, '.wiki')), `${adfToWiki(document)}\n`);
  });
});

describe('what sync sends for the examples', () => {
  const notes = ['postgres-to-crdb.md', 'search-rollout.md'].map((name) => parseEpic(example(name)).epic);

  test('every story description, subtask description, comment and commit is valid ADF', () => {
    let documents = 0;
    for (const epic of notes) {
      for (const story of epic.stories) {
        const description = storyDescription(story);
        expect(description).not.toBeNull();
        expectValidAdf(description);
        documents++;
        for (const subtask of story.subtasks) {
          const body = subtaskDescription(subtask);
          if (body) { expectValidAdf(body); documents++; }
        }
        for (const comment of story.comments) { expectValidAdf(commentBody(comment)); documents++; }
        for (const commit of story.commits) { expectValidAdf(commitBody(commit)); documents++; }
      }
    }
    expect(documents).toBeGreaterThan(40);
  });

  test('a story description: As a / I want / So that lines, extra paragraphs, criteria as a task list, technical notes', () => {
    const story = notes[1]?.stories.find((entry) => entry.id === 'SRCH-2');
    const description = storyDescription(story ?? (undefined as never));
    golden(join(directory, 'story-srch-2.json'), `${JSON.stringify(description, null, 2)}\n`);
    golden(join(directory, 'story-srch-2.wiki'), `${adfToWiki(description)}\n`);
  });

  test('the one-line As a … I want … So that … form gives the same three lines', () => {
    const oneLine = notes[1]?.stories.find((entry) => entry.id === 'SRCH-3');
    const description = storyDescription(oneLine ?? (undefined as never));
    const first = description?.content[0];
    expect(first?.type).toBe('paragraph');
    expect(first?.content?.filter((node) => node.type === 'hardBreak')).toHaveLength(2);
    expect(first?.content?.filter((node) => node.marks?.some((mark) => mark.type === 'strong')).map((node) => node.text)).toEqual(['As a', 'I want', 'So that']);
  });
});

test('any markdown gives valid ADF (property)', () => {
  const pieces = fc.constantFrom('# h', '**b**', '*e*', '`c`', '~~s~~', '[l](https://x.y)', '- a', '1. n', '- [ ] t', '- [x] d', '> q', '```js\nx\n```', '| a | b |\n|---|---|\n| 1 | 2 |', '---', '  ', '\n', 'text', '<i>', '![i](u)', '    indented', '\\', '|');
  fc.assert(fc.property(fc.array(pieces, { maxLength: 12 }), fc.array(fc.constantFrom('\n', '\n\n', ' ', ''), { maxLength: 12 }), (parts, separators) => {
    const markdown = parts.map((part, index) => `${part}${separators[index] ?? '\n'}`).join('');
    const document = adfDoc(markdownToAdf(markdown));
    expectValidAdf(document);
    expect(typeof adfToWiki(document)).toBe('string');
  }), { numRuns: 300 });
});
