/**
 * Progress as format.md defines it, per phase (in note order) and overall: what the pane, the
 * decorations and the JSON report all show.
 */
import type { Counts, Epic, Phase, PhaseProgress, Progress, Story } from './types';
import { NO_PHASE } from './types';

function count(stories: readonly Story[]): Counts {
  let storiesDone = 0;
  let storiesCancelled = 0;
  let points = 0;
  let pointsDone = 0;
  let subtasks = 0;
  let subtasksDone = 0;
  let unestimated = 0;
  for (const story of stories) {
    const storyPoints = story.storyPoints ?? 0;
    points += storyPoints;
    if (story.storyPoints === null) unestimated += 1;
    if (story.status === 'done') {
      storiesDone += 1;
      pointsDone += storyPoints;
    } else if (story.status === 'cancelled') {
      storiesCancelled += 1;
    }
    subtasks += story.subtasks.length;
    for (const subtask of story.subtasks) if (subtask.status === 'done') subtasksDone += 1;
  }
  return { stories: stories.length, storiesDone, storiesCancelled, points, pointsDone, subtasks, subtasksDone, unestimated };
}

/**
 * Progress of an epic. Phases appear in the order their names first appear in the note (phase
 * headings and story `Phase` fields alike); stories without a phase form `No phase`, placed last.
 * "Done" means status `done`; cancelled stories stay in the totals; points done are the points of
 * done stories; unestimated stories count 0 points and are counted in `unestimated`.
 */
export function progress(epic: Epic): Progress {
  const order: string[] = [];
  const headings = new Map<string, Phase>();
  const byPhase = new Map<string, Story[]>();
  const noPhase: Story[] = [];
  const events: { from: number; name: string; story: Story | null }[] = [];
  for (const phase of epic.phases) events.push({ from: phase.headingRange.from, name: phase.name, story: null });
  for (const story of epic.stories) events.push({ from: story.headerRange.from, name: story.phase ?? '', story });
  events.sort((a, b) => a.from - b.from);
  for (const event of events) {
    if (event.story !== null && event.story.phase === null) {
      noPhase.push(event.story);
      continue;
    }
    if (!byPhase.has(event.name)) {
      byPhase.set(event.name, []);
      order.push(event.name);
    }
    if (event.story === null) {
      const phase = epic.phases.find((candidate) => candidate.headingRange.from === event.from);
      if (phase !== undefined && !headings.has(event.name)) headings.set(event.name, phase);
    } else {
      byPhase.get(event.name)?.push(event.story);
    }
  }
  const phases: PhaseProgress[] = order.map((name) => {
    const stories = byPhase.get(name) ?? [];
    return { name, phase: headings.get(name) ?? null, stories, counts: count(stories) };
  });
  if (noPhase.length > 0) phases.push({ name: NO_PHASE, phase: null, stories: noPhase, counts: count(noPhase) });
  return { phases, totals: count(epic.stories) };
}
