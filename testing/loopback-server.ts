/**
 * What the fake trackers share as HTTP servers: listening on 127.0.0.1 (a free port with 0),
 * closing with every open connection cut, reading request bodies, and logging headers with
 * credentials redacted.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** An HTTP server on 127.0.0.1 that knows its open connections, so `close` never waits on a kept-alive one. */
export class LoopbackServer {
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  /** The port listened on; 0 before `listen`. */
  port = 0;

  constructor(handler: (req: IncomingMessage, res: ServerResponse) => void) {
    this.server = createServer(handler);
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Listens on `port` (0: any free one); resolves with the port once it is known. */
  listen(port: number): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.port = (this.server.address() as AddressInfo).port;
        resolve(this.port);
      });
    });
  }

  /** Cuts every open connection and stops listening; resolves at once when not listening. */
  close(): Promise<void> {
    if (!this.server.listening) return Promise.resolve();
    return new Promise((resolve) => {
      for (const socket of this.sockets) socket.destroy();
      this.server.close(() => resolve());
    });
  }
}

const REDACTED_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/** The whole request body as UTF-8 text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Request headers lower-cased for the request log, credentials replaced by '[redacted]'. */
export function recordHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    headers[lower] = REDACTED_HEADERS.has(lower) ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

