/**
 * The vault: in-memory files (`read`, `cachedRead`, `modify`, `process`, `create`,
 * `getAbstractFileByPath`, `getFileByPath`) and its `create`/`modify` events.
 */
import { Events } from './component';

/** `normalizePath`: forward slashes, no duplicate or edge slashes. */
export function normalizePath(path: string): string {
  const cleaned = path.replace(/[\\/]+/g, '/').replace(/^\/|\/$/g, '');
  return cleaned === '' ? '/' : cleaned;
}

/**
 * `DataAdapter`'s file part over an in-memory map: files outside the vault index, such as the
 * sync record under `.spectryn/` (a dot folder Obsidian does not index). Folders are implied by
 * `mkdir`; `write` and `process` refuse a path whose folder was never made, as a disk would.
 */
export class MemoryAdapter {
  private readonly files = new Map<string, string>();
  private readonly folders = new Set<string>(['/']);

  exists(path: string): Promise<boolean> {
    const normal = normalizePath(path);
    return Promise.resolve(this.files.has(normal) || this.folders.has(normal));
  }

  read(path: string): Promise<string> {
    const text = this.files.get(normalizePath(path));
    return text === undefined ? Promise.reject(new Error(`ENOENT: ${path}`)) : Promise.resolve(text);
  }

  write(path: string, data: string): Promise<void> {
    const normal = normalizePath(path);
    if (!this.folders.has(parentOf(normal))) return Promise.reject(new Error(`ENOENT: no folder for ${path}`));
    this.files.set(normal, data);
    return Promise.resolve();
  }

  /** Reads, calls `fn`, writes its answer; nothing is written when `fn` throws. */
  async process(path: string, fn: (data: string) => string): Promise<string> {
    const next = fn(await this.read(path));
    await this.write(path, next);
    return next;
  }

  mkdir(path: string): Promise<void> {
    const parts = normalizePath(path).split('/');
    for (let i = 1; i <= parts.length; i++) this.folders.add(parts.slice(0, i).join('/'));
    return Promise.resolve();
  }

  rename(from: string, to: string): Promise<void> {
    const text = this.files.get(normalizePath(from));
    if (text === undefined) return Promise.reject(new Error(`ENOENT: ${from}`));
    this.files.delete(normalizePath(from));
    this.files.set(normalizePath(to), text);
    return Promise.resolve();
  }

  remove(path: string): Promise<void> {
    this.files.delete(normalizePath(path));
    return Promise.resolve();
  }
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

/** A vault entry. */
export abstract class TAbstractFile {
  path: string;
  name: string;
  parent: TFolder | null;
  constructor(path: string, parent: TFolder | null = null) {
    this.path = path;
    this.name = path.split('/').pop() ?? path;
    this.parent = parent;
  }
}

/** A folder. */
export class TFolder extends TAbstractFile {
  children: TAbstractFile[] = [];
  isRoot(): boolean {
    return this.path === '/';
  }
}

/**
 * A file; `basename` and `extension` from its name. Without `parent`, the folder of `path` (a
 * file made outside a vault, as tests do); without `now`, its times are 0.
 */
export class TFile extends TAbstractFile {
  basename: string;
  extension: string;
  stat: { ctime: number; mtime: number; size: number };
  constructor(path: string, parent: TFolder = new TFolder(path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '/'), now = 0) {
    super(path, parent);
    const dot = this.name.lastIndexOf('.');
    this.basename = dot > 0 ? this.name.slice(0, dot) : this.name;
    this.extension = dot > 0 ? this.name.slice(dot + 1) : '';
    this.stat = { ctime: now, mtime: now, size: 0 };
  }
}

/** Options of {@link Vault}. */
export interface VaultOptions {
  /** The clock for file times; default `Date.now`. */
  readonly now?: () => number;
}

/** An in-memory vault with one root folder (no subfolders: the sandbox needs none). */
export class Vault extends Events {
  private readonly root = new TFolder('/', null);
  /** Files outside the index (`.spectryn/…`). */
  readonly adapter = new MemoryAdapter();
  private readonly texts = new Map<string, string>();
  private readonly now: () => number;

  constructor(options: VaultOptions = {}) {
    super();
    this.now = options.now ?? Date.now;
  }

  getName(): string {
    return 'Sandbox';
  }

  getRoot(): TFolder {
    return this.root;
  }

  getFiles(): TFile[] {
    return this.root.children.filter((f): f is TFile => f instanceof TFile);
  }

  getMarkdownFiles(): TFile[] {
    return this.getFiles().filter((f) => f.extension === 'md');
  }

  getAbstractFileByPath(path: string): TAbstractFile | null {
    const normal = normalizePath(path);
    if (normal === '/') return this.root;
    return this.root.children.find((f) => f.path === normal) ?? null;
  }

  getFileByPath(path: string): TFile | null {
    const found = this.getAbstractFileByPath(path);
    return found instanceof TFile ? found : null;
  }

  create(path: string, data: string): Promise<TFile> {
    const normal = normalizePath(path);
    if (normal.includes('/')) return Promise.reject(new Error('The sandbox vault has no folders.'));
    if (this.getAbstractFileByPath(normal)) return Promise.reject(new Error('File already exists.'));
    const file = new TFile(normal, this.root, this.now());
    this.root.children.push(file);
    this.store(file, data);
    this.trigger('create', file);
    return Promise.resolve(file);
  }

  read(file: TFile): Promise<string> {
    return Promise.resolve(this.textOf(file));
  }

  cachedRead(file: TFile): Promise<string> {
    return this.read(file);
  }

  modify(file: TFile, data: string): Promise<void> {
    this.write(file, data, null);
    return Promise.resolve();
  }

  process(file: TFile, fn: (data: string) => string): Promise<string> {
    const next = fn(this.textOf(file));
    this.write(file, next, null);
    return Promise.resolve(next);
  }

  /**
   * Sandbox: the editor saving its text. `source` is passed on with the `modify` event so the
   * view that saved does not reload its own change.
   */
  save(file: TFile, data: string, source: object): void {
    this.write(file, data, source);
  }

  private textOf(file: TFile): string {
    const text = this.texts.get(file.path);
    if (text === undefined) throw new Error(`${file.path} does not exist.`);
    return text;
  }

  private write(file: TFile, data: string, source: object | null): void {
    if (this.textOf(file) === data) return;
    this.store(file, data);
    this.trigger('modify', file, source);
  }

  private store(file: TFile, data: string): void {
    this.texts.set(file.path, data);
    file.stat = { ...file.stat, mtime: this.now(), size: data.length };
  }
}
