import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';

/** Headers a peer sets on internal calls and forwarded requests. */
export const PEER_HEADERS = {
  secret: 'x-queuetix-peer-secret',
  forwardedBy: 'x-queuetix-forwarded-by',
  clientIp: 'x-queuetix-client-ip',
} as const;

/** The peer did not answer. `refused`: nothing listens there (it died), so the call never ran. */
export class PeerUnreachable extends Error {
  constructor(
    readonly url: string,
    readonly refused: boolean,
    cause: unknown,
    readonly staleSocket = false,
  ) {
    super(`instance at ${url} unreachable: ${String(cause)}`);
  }
}

export interface PeerResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface PeerRequest {
  method: string;
  /** Path and query. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Overrides the client's timeout (a liveness probe wants an answer fast). */
  timeoutMs?: number;
}

/** HTTP to the other instances over keep-alive connections, authenticated by the shared secret. */
export class PeerClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

  constructor(
    private readonly secret: string,
    private readonly instanceId: string,
    private readonly timeoutMs: number,
  ) {}

  /** Headers that mark a call as coming from a peer. */
  peerHeaders(clientIp?: string): Record<string, string> {
    return { [PEER_HEADERS.secret]: this.secret, [PEER_HEADERS.forwardedBy]: this.instanceId, ...(clientIp ? { [PEER_HEADERS.clientIp]: clientIp } : {}) };
  }

  isPeer(headers: http.IncomingHttpHeaders): boolean {
    const presented = headers[PEER_HEADERS.secret];
    if (typeof presented !== 'string') return false;
    const given = Buffer.from(presented);
    const expected = Buffer.from(this.secret);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  async postJson(baseUrl: string, path: string, payload: unknown): Promise<PeerResponse> {
    const body = Buffer.from(JSON.stringify(payload));
    return this.send(baseUrl, { method: 'POST', path, headers: { 'content-type': 'application/json', ...this.peerHeaders() }, body });
  }

  async send(baseUrl: string, request: PeerRequest): Promise<PeerResponse> {
    if (!baseUrl) throw new PeerUnreachable('(no url yet)', false, 'the owner has not published its address yet');
    try {
      return await this.sendOnce(baseUrl, request);
    } catch (err) {
      // The peer closed an idle keep-alive connection just as we reused it: the request never
      // reached it, so sending it again is safe (the usual rule for reused sockets).
      if (err instanceof PeerUnreachable && err.staleSocket) return this.sendOnce(baseUrl, request);
      throw err;
    }
  }

  private sendOnce(baseUrl: string, request: PeerRequest): Promise<PeerResponse> {
    const target = new URL(request.path, baseUrl);
    return new Promise<PeerResponse>((resolve, reject) => {
      const req = http.request(
        target,
        {
          method: request.method,
          agent: this.agent,
          headers: { ...request.headers, ...(request.body ? { 'content-length': String(request.body.length) } : {}) },
          timeout: request.timeoutMs ?? this.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', (err) => reject(new PeerUnreachable(baseUrl, false, err)));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${request.timeoutMs ?? this.timeoutMs} ms`)));
      req.on('error', (err: NodeJS.ErrnoException) => {
        const stale = req.reusedSocket && err.code === 'ECONNRESET';
        reject(new PeerUnreachable(baseUrl, err.code === 'ECONNREFUSED', err, stale));
      });
      req.end(request.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
