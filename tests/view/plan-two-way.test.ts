/**
 * The plan modal's two-way part in jsdom, from a real three-way plan (the seed note, its mirror in
 * Jira, the record of a first sync, then a teammate's changes and one conflict): the sections in
 * the note's words, both values of a conflict, no choice made for the user, each choice reaching
 * `execute`, confirm possible with the conflict left, and "no record" said when there was none.
 */
import { App } from 'obsidian';
import { parseEpic } from '../../src/model';
import type { RemoteStory } from '../../src/sync/tracker';
import type { ConflictChoices } from '../../src/view/plan-preview';
import { PlanModal, type ExecutionControl, type PendingSync, type PlanPreview, type PlanProvider } from '../../src/view/plan-modal';
import { twoWayPreview, twoWayResultText } from '../../src/view/two-way-summary';
import { seedNote } from '../sync/helpers';
import { JIRA_STATUS, mirror, plan, recordOf } from '../sync/record/helpers';

const seed = parseEpic(seedNote()).epic;
const titles = new Map(seed.stories.map((story) => [story.id.toUpperCase(), story.title]));

function change(remote: RemoteStory[], key: string, patch: Partial<RemoteStory>): RemoteStory[] {
  return remote.map((story) => (story.key === key ? { ...story, ...patch } : story));
}

/** The seed after a first sync; Jira: US-003 done, US-004 13 points; the note: US-004 8 points. */
function teammatePlan(tracker?: string): PlanPreview {
  const remote = mirror(seed.stories);
  const record = recordOf(plan(seed, remote, null));
  const keyOf = (index: number): string => remote.find((story) => story.summary === seed.stories[index]?.title)?.key ?? '';
  const moved = change(change(remote, keyOf(2), { status: JIRA_STATUS.done }), keyOf(3), { storyPoints: 13 });
  const note = parseEpic(seedNote().replace(/(### [^\n]*US-004[\s\S]*?\*\*Story Points\*\* \| )\d+/, '$18')).epic;
  return { epicKey: 'INFRA-100', operations: [], twoWay: twoWayPreview(plan(note, moved, record), tracker === undefined ? { titles } : { titles, tracker }) };
}

/** A provider that answers at once and records each execution's choices. */
class RecordingProvider implements PlanProvider {
  readonly executed: { control: ExecutionControl | undefined; choices: ConflictChoices | undefined }[] = [];
  constructor(private readonly preview: PlanPreview) {}
  plan(): Promise<PendingSync> {
    return Promise.resolve({ preview: this.preview, execute: (control, choices) => { this.executed.push({ control, choices }); return Promise.resolve(); } });
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

async function openWith(preview: PlanPreview): Promise<{ modal: PlanModal; provider: RecordingProvider }> {
  const provider = new RecordingProvider(preview);
  const modal = new PlanModal(new App() as never, { scope: { kind: 'all' }, missing: [], openSettings: () => undefined, provider });
  modal.open();
  await settle();
  return { modal, provider };
}

function confirm(modal: PlanModal): void {
  modal.contentEl.querySelector<HTMLButtonElement>('.spectryn-plan-confirm')?.click();
}

describe('the plan modal, two-way', () => {
  test('lists the pull from Jira and the conflict with both values, in the note\'s words', async () => {
    const { modal } = await openWith(teammatePlan());
    const pulls = modal.contentEl.querySelector('[data-section="pulls"]');
    expect(pulls?.textContent).toContain('From Jira: 1');
    expect(pulls?.textContent).toMatch(/US-003 Status: .+ → Done/);
    const conflict = modal.contentEl.querySelector('[data-conflict="US-004:story_points"]');
    expect(conflict?.querySelector('legend')?.textContent).toContain('Story points');
    expect(conflict?.textContent).not.toContain('story_points');
    expect(conflict?.querySelector('.spectryn-conflict-note')?.textContent).toBe('8 pts');
    expect(conflict?.querySelector('.spectryn-conflict-tracker')?.textContent).toBe('13 pts');
    expect(modal.contentEl.querySelector('[data-section="no-record"]')).toBeNull();
  });

  test('names the note\'s tracker: a GitHub epic says GitHub, never Jira', async () => {
    const { modal } = await openWith(teammatePlan('GitHub'));
    expect(modal.contentEl.querySelector('[data-section="pulls"] h3')?.textContent).toBe('From GitHub: 1');
    const conflict = modal.contentEl.querySelector('[data-conflict="US-004:story_points"]');
    expect(conflict?.querySelectorAll('.spectryn-conflict-side-name')[1]?.textContent).toMatch(/^GitHub \(/);
    expect(Array.from(conflict?.querySelectorAll('.spectryn-conflict-choice') ?? []).map((choice) => choice.textContent)).toEqual(['Keep the note\'s', 'Take GitHub\'s', 'Leave it']);
    expect(modal.contentEl.textContent).not.toContain('Jira');
    expect(twoWayResultText({ pulls: [1, 2], additions: [], conflicts: [] }, 'GitHub')).toBe('From GitHub: 2 fields written into the note.');
  });

  test('chooses nothing for the user: every radio starts unchecked, and confirming leaves the conflict', async () => {
    const { modal, provider } = await openWith(teammatePlan());
    const radios = Array.from(modal.contentEl.querySelectorAll<HTMLInputElement>('.spectryn-conflict input[type="radio"]'));
    expect(radios.map((radio) => radio.value)).toEqual(['note', 'tracker', 'leave']);
    expect(radios.some((radio) => radio.checked)).toBe(false);
    expect(modal.contentEl.querySelector('.spectryn-plan-confirm')?.textContent).toBe('Sync 1 change');
    confirm(modal);
    expect(provider.executed).toHaveLength(1);
    expect([...(provider.executed[0]?.choices ?? new Map())]).toEqual([]);
  });

  test.each(['note', 'tracker', 'leave'] as const)('the choice "%s" reaches the execute call', async (choice) => {
    const { modal, provider } = await openWith(teammatePlan());
    modal.contentEl.querySelector<HTMLInputElement>(`.spectryn-conflict input[value="${choice}"]`)?.click();
    confirm(modal);
    expect([...(provider.executed[0]?.choices ?? new Map())]).toEqual([['US-004:story_points', choice]]);
  });

  test('each conflict is its own radio group, labelled for the keyboard and screen readers', async () => {
    const { modal } = await openWith(teammatePlan());
    const labels = Array.from(modal.contentEl.querySelectorAll('.spectryn-conflict label')).map((label) => label.textContent);
    expect(labels).toEqual(['Keep the note\'s', 'Take Jira\'s', 'Leave it']);
    const names = new Set(Array.from(modal.contentEl.querySelectorAll<HTMLInputElement>('.spectryn-conflict input')).map((input) => input.name));
    expect(names.size).toBe(1);
  });

  test('says when there was no record, and lists issues Jira added as "add to the note"', async () => {
    const preview: PlanPreview = {
      epicKey: 'INFRA-100',
      operations: [],
      twoWay: { noRecord: true, pulls: [], conflicts: [], additions: [{ kind: 'subtask', issueKey: 'INFRA-140', storyId: 'US-002', summary: 'Load test', status: 'To do' }] },
    };
    const { modal } = await openWith(preview);
    expect(modal.contentEl.querySelector('[data-section="no-record"]')?.textContent).toMatch(/No sync record/);
    const additions = modal.contentEl.querySelector('[data-section="additions"]');
    expect(additions?.textContent).toContain('Add to the note: 1');
    expect(additions?.textContent).toContain('INFRA-140');
    expect(additions?.textContent).toContain('new subtask of US-002');
  });
});
