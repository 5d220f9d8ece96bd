/**
 * The tracker panel's "A teammate changes it in Jira" form: pick an issue, a field (status, story
 * points, title) and a value; "Change in Jira" sends it to `POST /sandbox/teammate`, as if a
 * teammate had changed the issue in Jira's own screens. The next sync then takes it into the
 * note (or offers a conflict when the note changed the same field). A native form: every control
 * is reachable by keyboard, Enter submits.
 * Stable hooks: `.sandbox-teammate` with `[name="issue"]`, `[name="field"]`, `[name="value"]`,
 * the submit button, and `.sandbox-teammate-result` (`data-outcome` = `done` or `failed`).
 */
import type { TrackerIssue } from './tracker-issue';

/** The fields a teammate can change, with the words the form shows. */
const FIELDS = [
  { value: 'status', label: 'Status' },
  { value: 'storyPoints', label: 'Story points' },
  { value: 'summary', label: 'Title' },
] as const;

type TeammateField = (typeof FIELDS)[number]['value'];

/** The form; `update` refreshes its issue and status lists from the panel's state. */
export class TeammateForm {
  private readonly issueEl: HTMLSelectElement;
  private readonly fieldEl: HTMLSelectElement;
  private readonly valueEl: HTMLInputElement;
  private readonly statusList: HTMLDataListElement;
  private readonly resultEl: HTMLElement;
  private last = '';

  /** `changed` is called after a change was made (the panel reloads). */
  constructor(el: HTMLElement, private readonly changed: () => void) {
    const form = el.createEl('form', { cls: 'sandbox-teammate' });
    form.createDiv({ cls: 'sandbox-teammate-title', text: 'A teammate changes an issue in Jira' });
    const row = form.createDiv({ cls: 'sandbox-teammate-row' });
    this.issueEl = labelled(row, 'Issue').createEl('select', { attr: { name: 'issue' } });
    this.fieldEl = labelled(row, 'Field').createEl('select', { attr: { name: 'field' } });
    for (const field of FIELDS) this.fieldEl.createEl('option', { text: field.label, value: field.value });
    this.valueEl = labelled(row, 'New value').createEl('input', { type: 'text', attr: { name: 'value', list: 'sandbox-teammate-statuses', autocomplete: 'off' } });
    this.statusList = form.createEl('datalist', { attr: { id: 'sandbox-teammate-statuses' } });
    row.createEl('button', { cls: 'sandbox-teammate-apply', text: 'Change in Jira', type: 'submit' });
    this.resultEl = form.createDiv({ cls: 'sandbox-teammate-result', attr: { role: 'status' } });
    this.fieldEl.addEventListener('change', () => this.placeholder());
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    this.placeholder();
  }

  /** Lists the stories and subtasks (the epic's own status is not synced) and the workflow's statuses. */
  update(issues: readonly Pick<TrackerIssue, 'key' | 'summary' | 'type'>[], statuses: readonly string[]): void {
    const key = JSON.stringify([issues.map((issue) => [issue.key, issue.summary, issue.type]), statuses]);
    if (key === this.last) return;
    this.last = key;
    const selected = this.issueEl.value;
    this.issueEl.empty();
    for (const issue of issues.filter((candidate) => candidate.type !== 'Epic')) {
      this.issueEl.createEl('option', { value: issue.key, text: `${issue.key} · ${issue.summary}` });
    }
    if (issues.some((issue) => issue.key === selected)) this.issueEl.value = selected;
    this.statusList.empty();
    for (const status of statuses) this.statusList.createEl('option', { value: status });
  }

  private placeholder(): void {
    const field = this.fieldEl.value as TeammateField;
    this.valueEl.placeholder = field === 'status' ? 'Done, In Progress, …' : field === 'storyPoints' ? '13' : 'A new title';
    this.valueEl.inputMode = field === 'storyPoints' ? 'decimal' : 'text';
  }

  private async submit(): Promise<void> {
    const key = this.issueEl.value;
    const field = this.fieldEl.value as TeammateField;
    const raw = this.valueEl.value.trim();
    if (key === '' || raw === '') {
      this.show('failed', key === '' ? 'No issue yet: sync the note first.' : 'Type the new value.');
      return;
    }
    const value = field === 'storyPoints' ? Number(raw) : raw;
    if (field === 'storyPoints' && !Number.isFinite(value)) {
      this.show('failed', 'Story points are a number.');
      return;
    }
    try {
      const response = await fetch('/sandbox/teammate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key, [field]: value }) });
      const answer = (await response.json()) as { error?: string };
      if (!response.ok) {
        this.show('failed', answer.error ?? 'The tracker refused the change.');
        return;
      }
      this.show('done', `${key} changed in Jira. Sync the note to see it arrive.`);
      this.valueEl.value = '';
      this.changed();
    } catch {
      this.show('failed', 'The sandbox server is not answering.');
    }
  }

  private show(outcome: 'done' | 'failed', text: string): void {
    this.resultEl.setText(text);
    this.resultEl.setAttr('data-outcome', outcome);
  }
}

/** A label around a control, with its words first. */
function labelled(parent: HTMLElement, words: string): HTMLElement {
  const label = parent.createEl('label', { cls: 'sandbox-teammate-field' });
  label.createSpan({ text: words });
  return label;
}
