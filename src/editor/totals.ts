/**
 * The text of the point totals shown at the end of heading lines: pure, from the model's progress.
 * Story: `5 pts · 3/4 subtasks`. Phase and epic: `8 of 13 pts done · 1/2 stories`.
 */
import type { Counts, Story } from '../model';
import { pointsText, pointsWithUnit } from '../model';

/** A problem shown on a story heading beside its totals. */
export interface TotalsFlag {
  readonly code: 'unestimated' | 'subtask-points-exceed';
  /** Short text shown in the flag. */
  readonly label: string;
  /** One sentence shown on hover. */
  readonly message: string;
}

/** What a totals widget shows. Points are story points; counts are whole numbers. */
export interface TotalsView {
  readonly scope: 'story' | 'phase' | 'epic';
  readonly text: string;
  readonly pointsDone: number;
  readonly pointsTotal: number;
  readonly flags: readonly TotalsFlag[];
}

/** Totals of one story: its points (done when the story is done) and its subtasks. */
export function storyTotals(story: Story): TotalsView {
  const parts: string[] = [story.storyPoints === null ? '? pts' : pointsWithUnit(story.storyPoints)];
  if (story.subtasks.length > 0) {
    const done = story.subtasks.filter((s) => s.status === 'done').length;
    parts.push(`${done}/${story.subtasks.length} subtasks`);
  }
  const flags: TotalsFlag[] = [];
  if (story.storyPoints === null) {
    flags.push({ code: 'unestimated', label: 'Not estimated', message: `${story.id} has no story points.` });
  } else {
    const subtaskPoints = story.subtasks.reduce((sum, s) => sum + (s.storyPoints ?? 0), 0);
    if (subtaskPoints > story.storyPoints) {
      flags.push({
        code: 'subtask-points-exceed',
        label: `Subtasks ${pointsText(subtaskPoints)} > ${pointsWithUnit(story.storyPoints)}`,
        message: `Subtask points (${pointsText(subtaskPoints)}) add up to more than the story's ${pointsText(story.storyPoints)}.`,
      });
    }
  }
  const points = story.storyPoints ?? 0;
  return {
    scope: 'story',
    text: parts.join(' · '),
    pointsDone: story.status === 'done' ? points : 0,
    pointsTotal: points,
    flags,
  };
}

/** Totals of a phase or of the whole epic. */
export function groupTotals(scope: 'phase' | 'epic', counts: Counts): TotalsView {
  const parts = [`${pointsText(counts.pointsDone)} of ${pointsWithUnit(counts.points)} done`, `${counts.storiesDone}/${counts.stories} stories`];
  if (counts.storiesCancelled > 0) parts.push(`${counts.storiesCancelled} cancelled`);
  return { scope, text: parts.join(' · '), pointsDone: counts.pointsDone, pointsTotal: counts.points, flags: [] };
}
