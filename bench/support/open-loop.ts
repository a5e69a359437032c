import net from 'node:net';

export interface OpenLoopOptions {
  url: string;
  /** Requests per second, sent on a fixed schedule whatever the answers do. */
  rate: number;
  amount: number;
  /** Keep-alive connections; a request due while all are busy waits for one (and that wait counts). */
  connections: number;
  method: string;
  body: string;
  /** The headers of the k-th request (e.g. its own token). */
  headers(k: number): Record<string, string>;
}

export interface OpenLoopResult {
  /** Each answer's latency in ms, from the moment its request was due (not when it could be sent), sorted. */
  latencies: number[];
  /** From the first request's due time to the last answer. */
  seconds: number;
  errors: number;
  non2xx: number;
}

/**
 * A fixed arrival rate, as buyers arrive in a rush: request k is due at start + k / rate, and its
 * latency runs from that moment, so a stall in the server counts for every request it delays
 * (no coordinated omission). autocannon's `overallRate` is not this: each connection sends its
 * quota for the second back to back, then waits for the next second, so the load comes in bursts
 * at full speed, and its correction then weights each slow answer by its length in milliseconds.
 *
 * The client is HTTP/1.1 over plain keep-alive sockets, one request at a time on each, reading
 * only the status and Content-Length of the answers (what the backend and bare Koa send). Node's
 * http client and undici cost this 2-core machine 60-95 µs of CPU per request and vegeta 125 µs,
 * against autocannon's 35-45 µs and this one's (measured against bare Koa at 5,000/s); on cores the
 * server shares with its load, a heavier client would be measured as the server's latency.
 */
export async function openLoopLoad(opts: OpenLoopOptions): Promise<OpenLoopResult> {
  const target = new URL(opts.url);
  // One string per request, written in one go: the fixed part is built once.
  const fixedHead = `${opts.method} ${target.pathname}${target.search} HTTP/1.1\r\nhost: ${target.host}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(opts.body)}\r\n`;
  const request = (k: number) => {
    let text = fixedHead;
    for (const [name, value] of Object.entries(opts.headers(k))) text += `${name}: ${value}\r\n`;
    return `${text}\r\n${opts.body}`;
  };

  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let sent = 0;
  let answered = 0;
  let lastAnswerAt = 0;
  const start = performance.now() + 50;
  const intervalMs = 1000 / opts.rate;
  /** Requests due and not yet sent (their index), oldest first. */
  const backlog: number[] = [];
  const idle: Connection[] = [];
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  let over = false;
  /** Request k is answered with this status, or failed (0: its connection was lost). */
  const answer = (k: number, status: number) => {
    lastAnswerAt = performance.now();
    latencies.push(lastAnswerAt - (start + k * intervalMs));
    if (status === 0) errors++;
    else if (status < 200 || status >= 300) non2xx++;
    if (++answered === opts.amount) finish();
  };

  class Connection {
    private readonly socket: net.Socket;
    private inFlight = -1;
    private buffered: Buffer = Buffer.alloc(0);

    constructor() {
      this.socket = net.connect(Number(target.port), target.hostname);
      this.socket.setNoDelay(true);
      this.socket.on('data', (chunk: Buffer) => this.read(chunk));
      this.socket.on('error', () => undefined);
      this.socket.on('close', () => {
        // A connection lost mid-request fails that request; a new one takes its place, so a server
        // that closes connections cannot leave the backlog without any.
        const lost = this.inFlight;
        this.inFlight = -2;
        if (lost >= 0) answer(lost, 0);
        if (over) return;
        const fresh = new Connection();
        connections.push(fresh);
        fresh.next();
      });
    }

    get usable(): boolean {
      return this.inFlight === -1;
    }

    send(k: number): void {
      this.inFlight = k;
      this.socket.write(request(k));
    }

    private read(chunk: Buffer): void {
      this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
      const headEnd = this.buffered.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const at = this.buffered.indexOf('content-length:') + 1 || this.buffered.indexOf('Content-Length:') + 1;
      if (at === 0 || at > headEnd) throw new Error(`open-loop: an answer without Content-Length: ${this.buffered.toString('latin1', 0, headEnd)}`);
      const length = parseInt(this.buffered.toString('latin1', at + 14, this.buffered.indexOf('\r\n', at)), 10);
      if (this.buffered.length < headEnd + 4 + length) return;
      const status = (this.buffered[9]! - 48) * 100 + (this.buffered[10]! - 48) * 10 + (this.buffered[11]! - 48);
      const closing = this.buffered.subarray(0, headEnd).includes('onnection: close');
      this.buffered = this.buffered.subarray(headEnd + 4 + length);
      const k = this.inFlight;
      this.inFlight = -1;
      answer(k, status);
      // The server closes this one after its answer: its replacement (see 'close') takes the next request.
      if (closing) this.close();
      else this.next();
    }

    close(): void {
      this.socket.destroy();
    }

    next(): void {
      const k = backlog.shift();
      if (k !== undefined) this.send(k);
      else idle.push(this);
    }
  }

  const connections: Connection[] = [];
  for (let i = 0; i < opts.connections; i++) connections.push(new Connection());
  idle.push(...connections);

  // Every millisecond (or as soon as the event loop lets it), send whatever has fallen due.
  const tick = () => {
    const due = Math.min(opts.amount, Math.floor((performance.now() - start) / intervalMs) + 1);
    for (; sent < due; sent++) {
      let connection = idle.pop();
      while (connection && !connection.usable) connection = idle.pop();
      if (connection) connection.send(sent);
      else backlog.push(sent);
    }
    if (sent < opts.amount) setTimeout(tick, 1);
  };
  setTimeout(tick, Math.max(0, start - performance.now()));
  await finished;
  over = true;
  for (const connection of connections) connection.close();
  return { latencies: latencies.sort((a, b) => a - b), seconds: (lastAnswerAt - start) / 1000, errors, non2xx };
}
