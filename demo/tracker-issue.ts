/** One issue of the sandbox's tracker as its panel and its issue pages list it. */
export interface TrackerIssue {
  readonly key: string;
  readonly type: string;
  readonly summary: string;
  readonly status: string;
  readonly parent: string | null;
  readonly storyPoints: number | null;
  readonly priority: string | null;
  readonly labels: readonly string[];
}
