/**
 * Obsidian's `Component` (owns children and cleanups; `load`/`unload`) and `Events` (named
 * callbacks with `EventRef`s that `registerEvent` detaches).
 */

/** What `on` returns; `Component.registerEvent` detaches it on unload. */
export interface EventRef {
  detach(): void;
}

type Handler = (...args: never[]) => unknown;

/** Named callbacks. */
export class Events {
  private readonly handlers = new Map<string, Set<Handler>>();

  on(name: string, callback: Handler, ctx?: unknown): EventRef {
    const bound: Handler = ctx === undefined ? callback : callback.bind(ctx);
    let set = this.handlers.get(name);
    if (!set) {
      set = new Set();
      this.handlers.set(name, set);
    }
    const handlers = set;
    handlers.add(bound);
    return { detach: () => { handlers.delete(bound); } };
  }

  off(name: string, callback: Handler): void {
    this.handlers.get(name)?.delete(callback);
  }

  offref(ref: EventRef): void {
    ref.detach();
  }

  /** Stand-in: how many callbacks are attached (to `name`, or in all); tests check that unloading detaches every one. */
  listenerCount(name?: string): number {
    if (name !== undefined) return this.handlers.get(name)?.size ?? 0;
    let count = 0;
    for (const handlers of this.handlers.values()) count += handlers.size;
    return count;
  }

  trigger(name: string, ...args: unknown[]): void {
    for (const handler of [...(this.handlers.get(name) ?? [])]) {
      try {
        (handler as (...a: unknown[]) => unknown)(...args);
      } catch (error) {
        // One failing listener must not stop the others, as in Obsidian.
        console.error(`Sandbox: a "${name}" listener failed`, error);
      }
    }
  }
}

/** A unit that loads, owns children and registrations, and cleans them all up on unload. */
export class Component {
  private children: Component[] = [];
  private cleanups: (() => void)[] = [];
  private loaded = false;

  /** Loads this component and its children; resolves when `onload` (sync or async) is done. */
  load(): Promise<void> {
    if (this.loaded) return Promise.resolve();
    this.loaded = true;
    const done = Promise.resolve(this.onload());
    for (const child of this.children) void child.load();
    return done;
  }

  onload(): void | Promise<void> { /* overridden */ }

  unload(): void {
    if (!this.loaded) return;
    this.loaded = false;
    for (const child of this.children.splice(0)) child.unload();
    for (const cleanup of this.cleanups.splice(0).reverse()) cleanup();
    this.onunload();
  }

  onunload(): void { /* overridden */ }

  addChild<T extends Component>(child: T): T {
    this.children.push(child);
    if (this.loaded) void child.load();
    return child;
  }

  removeChild<T extends Component>(child: T): T {
    this.children = this.children.filter((c) => c !== child);
    child.unload();
    return child;
  }

  register(cleanup: () => unknown): void {
    this.cleanups.push(() => { cleanup(); });
  }

  registerEvent(ref: EventRef): void {
    this.cleanups.push(() => ref.detach());
  }

  registerDomEvent(el: EventTarget, type: string, callback: (event: never) => unknown, options?: boolean | AddEventListenerOptions): void {
    const listener = callback as unknown as EventListener;
    el.addEventListener(type, listener, options);
    this.cleanups.push(() => el.removeEventListener(type, listener, options));
  }

  registerInterval(id: number): number {
    this.cleanups.push(() => window.clearInterval(id));
    return id;
  }
}
