/**
 * Requests sent exactly as written: fetch (WHATWG URL) folds '.', '..' and '%2E' segments away
 * before anything leaves the client, so path attacks go through node:http with the raw path.
 */
import http from 'node:http';
import type { ApiResponse } from '../../support/api.js';

export function rawRequest(baseUrl: string, method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<ApiResponse> {
  const url = new URL(baseUrl);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          /* not JSON */
        }
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') responseHeaders.set(name, value);
        resolve({ status: res.statusCode ?? 0, headers: responseHeaders, body });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** A path segment percent-encoded as the client means it; dots stay dots (the raw path keeps them). */
export function encodeSegment(segment: string): string | undefined {
  try {
    return encodeURIComponent(segment);
  } catch {
    return undefined; // a lone surrogate cannot be written in a URL
  }
}
