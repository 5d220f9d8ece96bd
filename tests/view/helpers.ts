/**
 * Shared test helpers for the view tests: the notes every numeric test runs on (both examples and
 * every fixture), a snapshot of a note through the real `ActiveEpic` and parser, and manual timers.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TFile } from 'obsidian';
import { ActiveEpic, type Timers } from '../../src/plugin/active-epic';
import type { ActiveEpicSnapshot } from '../../src/view/epic-snapshot';

const root = join(__dirname, '..', '..');

/** Every note the numbers are checked on: `examples/*.md` and `tests/fixtures/*.md`. */
export function allNotes(): { name: string; text: string }[] {
  const read = (dir: string): { name: string; text: string }[] => {
    let names: string[] = [];
    try { names = readdirSync(join(root, dir)).filter((n) => n.endsWith('.md')).sort(); } catch { names = []; }
    return names.map((name) => ({ name: `${dir}/${name}`, text: readFileSync(join(root, dir, name), 'utf8') }));
  };
  return [...read('examples'), ...read('tests/fixtures')];
}

/** The seed note (the example copied from the seed). */
export function seedNote(): string {
  return readFileSync(join(root, 'examples', 'postgres-to-crdb.md'), 'utf8');
}

/** Timers run by hand: `flush()` runs whatever is due, in order. */
export class ManualTimers implements Timers {
  private next = 1;
  readonly pending = new Map<number, { callback: () => void; ms: number }>();
  setTimeout(callback: () => void, ms: number): number { const id = this.next++; this.pending.set(id, { callback, ms }); return id; }
  clearTimeout(id: number): void { this.pending.delete(id); }
  flush(): void { const due = [...this.pending.values()]; this.pending.clear(); for (const t of due) t.callback(); }
}

/** A vault file at `path` (the stub's TFile takes its path; the real type has no constructor arguments). */
export function fileAt(path: string): TFile {
  return new (TFile as unknown as new (path: string) => TFile)(path);
}

/** A snapshot of `text` as the note `path`, through the real ActiveEpic and parser. */
export function snapshotOf(text: string, path = 'Epics/Note.md'): { snapshot: ActiveEpicSnapshot<TFile>; activeEpic: ActiveEpic<TFile>; file: TFile } {
  const activeEpic = new ActiveEpic<TFile>({ timers: new ManualTimers() });
  const file = fileAt(path);
  activeEpic.open(file, text);
  return { snapshot: activeEpic.current(), activeEpic, file };
}
