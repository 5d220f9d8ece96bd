/**
 * The bundled command line as a child process, against a fake Jira whose answers a test can hold:
 * the kill and cancellation tests put the child at a known point (a request in flight, a file
 * write about to happen) before they signal it, so nothing races the child.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { createFakeJiraHandler, type FakeJiraHandler, type JiraContracts } from '../../testing/fake-jira';
import { REPO_ROOT } from './harness';

/** Bundles src/cli.ts as `npm run build` does, into `dir`; resolves to the script's path. */
export async function buildCli(dir: string): Promise<string> {
  const outfile = join(dir, 'spectryn.js');
  await build({ entryPoints: [join(REPO_ROOT, 'src/cli.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'silent' });
  return outfile;
}

/** A request the test holds: `arrived` resolves when it comes, `release` lets the fake answer it. */
export interface HeldRequest {
  readonly arrived: Promise<void>;
  release(): void;
}

/** The fake Jira on 127.0.0.1 behind a gate that can hold one matching request. */
export interface GatedJira {
  readonly jira: FakeJiraHandler;
  readonly url: string;
  /** Holds the next request for which `matches` is true, until released. */
  hold(matches: (method: string, path: string) => boolean): HeldRequest;
  close(): Promise<void>;
}

/** Starts a gated fake Jira Cloud (default site: epic INFRA-100, token 'fake-token-123'). */
export async function startGatedJira(contracts: JiraContracts): Promise<GatedJira> {
  let url = '';
  const jira = createFakeJiraHandler({ baseUrl: () => url, contracts });
  const holds: { matches: (method: string, path: string) => boolean; arrive: () => void; released: Promise<void> }[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const index = holds.findIndex((entry) => entry.matches(req.method ?? 'GET', path));
    const answer = (): void => {
      if (!jira.handle(req, res)) res.writeHead(404).end();
    };
    if (index === -1) return answer();
    const [entry] = holds.splice(index, 1);
    entry?.arrive();
    void entry?.released.then(answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    jira,
    url,
    hold: (matches) => {
      let arrive = (): void => undefined;
      let release = (): void => undefined;
      const arrived = new Promise<void>((resolve) => { arrive = resolve; });
      const released = new Promise<void>((resolve) => { release = resolve; });
      holds.push({ matches, arrive, released });
      return { arrived, release };
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A running child: its output so far, a wait for a line of stderr, and its end. */
export interface RunningCli {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when stderr matches; rejects when the child ends first (the test then fails, never hangs). */
  waitForStderr(pattern: RegExp): Promise<void>;
  /** The exit code, or the signal that ended the child. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Spawns `node [nodeArgs] script args` (or, with `shell`, `sh -c '<shell>; exec node …'` for
 * limits set by `ulimit`), with only PATH and `env` in its environment.
 */
export function spawnCli(script: string, args: readonly string[], options: { env: Record<string, string>; cwd: string; nodeArgs?: readonly string[]; shell?: string }): RunningCli {
  const command = [process.execPath, ...(options.nodeArgs ?? []), script, ...args];
  const child = options.shell === undefined
    ? spawn(command[0] ?? 'node', command.slice(1), { cwd: options.cwd, env: { PATH: process.env.PATH ?? '', ...options.env } })
    : spawn('sh', ['-c', `${options.shell}; exec "$@"`, 'sh', ...command], { cwd: options.cwd, env: { PATH: process.env.PATH ?? '', ...options.env } });
  let stdout = '';
  let stderr = '';
  const watchers: { pattern: RegExp; resolve: () => void; reject: (error: Error) => void }[] = [];
  const check = (): void => {
    for (const watcher of [...watchers]) {
      if (watcher.pattern.test(stderr)) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve();
      }
    }
  };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; check(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      for (const watcher of watchers.splice(0)) watcher.reject(new Error(`the child ended (code ${code}, signal ${signal}) before stderr matched ${watcher.pattern}; stderr:\n${stderr}`));
      resolve({ code, signal });
    });
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForStderr: (pattern) => new Promise<void>((resolve, reject) => {
      watchers.push({ pattern, resolve, reject });
      check();
    }),
    exited,
  };
}
