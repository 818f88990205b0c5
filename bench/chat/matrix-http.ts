/**
 * The load generator's HTTP client: HTTP/1.1 with keep-alive written straight onto TCP sockets.
 * node:http's client costs about 80 µs of CPU per request and fetch() several times more; at
 * thousands of /sync answers a second the generator would take a core the server needs. One
 * request at a time per connection; idle connections are reused.
 */
import { connect, type Socket } from 'node:net';

export interface MatrixResponse {
  readonly status: number;
  readonly body: string;
}

const HEADER_END = Buffer.from('\r\n\r\n');

interface Pending {
  readonly resolve: (response: MatrixResponse) => void;
  readonly reject: (error: Error) => void;
}

/** One keep-alive connection; answers come back in order, one request at a time. */
class Connection {
  private readonly socket: Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private pending: Pending | undefined;
  closed = false;

  constructor(host: string, port: number) {
    this.socket = connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.received(chunk));
    const fail = (error: Error) => {
      this.closed = true;
      const pending = this.pending;
      this.pending = undefined;
      pending?.reject(error);
    };
    this.socket.on('error', fail);
    this.socket.on('close', () => fail(new Error('connection closed')));
  }

  request(head: string, body: string | undefined): Promise<MatrixResponse> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(body === undefined ? head : head + body);
    });
  }

  destroy(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private received(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const headerEnd = this.buffer.indexOf(HEADER_END);
    if (headerEnd < 0) return;
    const head = this.buffer.toString('latin1', 0, headerEnd);
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) {
      // Fastify answers JSON with a Content-Length; anything else is a broken benchmark, not a slow server.
      this.pending?.reject(new Error(`answer without Content-Length: ${head.slice(0, 200)}`));
      this.destroy();
      return;
    }
    const bodyStart = headerEnd + HEADER_END.length;
    const bodyEnd = bodyStart + Number(length[1]);
    if (this.buffer.length < bodyEnd) return;
    const body = this.buffer.toString('utf8', bodyStart, bodyEnd);
    this.buffer = this.buffer.subarray(bodyEnd);
    if (/\r\nconnection:\s*close/i.test(head)) this.destroy();
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve({ status, body });
  }
}

/** At most `limit` connections; further requests wait in order for one to become free. */
class ConnectionPool {
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly limit: number,
  ) {}

  async request(head: string, body: string | undefined): Promise<MatrixResponse> {
    const connection = await this.acquire();
    try {
      const response = await connection.request(head, body);
      if (!connection.closed) this.idle.push(connection);
      return response;
    } finally {
      if (connection.closed) this.all.delete(connection);
      this.waiting.shift()?.();
    }
  }

  private async acquire(): Promise<Connection> {
    for (;;) {
      let connection = this.idle.pop();
      while (connection?.closed) {
        this.all.delete(connection);
        connection = this.idle.pop();
      }
      if (connection) return connection;
      if (this.all.size < this.limit) {
        connection = new Connection(this.host, this.port);
        this.all.add(connection);
        return connection;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  close(): void {
    for (const connection of this.all) connection.destroy();
    this.all.clear();
    this.idle.length = 0;
  }
}

export class MatrixHttp {
  /** Long-polls hold a connection each for up to 30 s: sends get connections of their own so they never queue behind them. */
  private readonly polls: ConnectionPool;
  private readonly sends: ConnectionPool;
  private readonly hostHeader: string;

  /** `maxSendConnections` bounds the sockets an overloaded server makes the open-loop senders open. */
  constructor(origin: string, maxSendConnections = 256) {
    const url = new URL(origin);
    this.hostHeader = url.host;
    this.polls = new ConnectionPool(url.hostname, Number(url.port), Infinity);
    this.sends = new ConnectionPool(url.hostname, Number(url.port), maxSendConnections);
  }

  get(path: string, token: string): Promise<MatrixResponse> {
    return this.polls.request(`GET ${path} HTTP/1.1\r\nHost: ${this.hostHeader}\r\nAuthorization: Bearer ${token}\r\n\r\n`, undefined);
  }

  send(method: 'PUT' | 'POST', path: string, token: string, body: unknown): Promise<MatrixResponse> {
    const json = JSON.stringify(body);
    return this.sends.request(
      `${method} ${path} HTTP/1.1\r\nHost: ${this.hostHeader}\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\n\r\n`,
      json,
    );
  }

  close(): void {
    this.polls.close();
    this.sends.close();
  }
}

/** The JSON answer of a request that must succeed, or an error naming the request and what came back. */
export function expectOk<T>(what: string, response: MatrixResponse): T {
  if (response.status !== 200) throw new Error(`${what} answered ${response.status}: ${response.body.slice(0, 300)}`);
  return JSON.parse(response.body) as T;
}
