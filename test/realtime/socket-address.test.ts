/**
 * A socket's client address follows the same rule as HTTP's ctx.ip (TRUST_PROXY_HOPS, http/app.ts):
 * checked against a real Koa app built the way http/app.ts builds it, for the same headers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import Koa from 'koa';
import { socketAddress } from '../../backend/src/realtime/socket-address.js';

const FORWARDED = [undefined, '', '203.0.113.9', '198.51.100.7, 203.0.113.9', '10.9.9.9, 198.51.100.7, 203.0.113.9', ' 1.1.1.1 ,2.2.2.2 '];

async function koaIp(hops: number, forwarded: string | undefined): Promise<{ ip: string; peer: string }> {
  const koa = new Koa({ proxy: hops > 0, maxIpsCount: hops });
  koa.use((ctx) => {
    ctx.body = { ip: ctx.ip, peer: ctx.req.socket.remoteAddress };
  });
  const server = http.createServer(koa.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } });
    return (await response.json()) as { ip: string; peer: string };
  } finally {
    server.close();
  }
}

describe('realtime: the client address of a socket', () => {
  for (const hops of [0, 1, 2]) {
    it(`is the address Koa gives HTTP requests with TRUST_PROXY_HOPS=${hops}`, async () => {
      for (const forwarded of FORWARDED) {
        const { ip, peer } = await koaIp(hops, forwarded);
        const headers = forwarded === undefined ? {} : { 'x-forwarded-for': forwarded };
        expect(socketAddress(headers, peer, hops), `X-Forwarded-For: ${forwarded}`).to.equal(ip);
      }
    });
  }

  it('ignores what a client writes left of the entries our proxies appended', () => {
    expect(socketAddress({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9' }, '10.0.0.1', 1)).to.equal('203.0.113.9');
    expect(socketAddress({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9, 10.0.0.2' }, '10.0.0.1', 2)).to.equal('203.0.113.9');
    expect(socketAddress({ 'x-forwarded-for': '6.6.6.6' }, '10.0.0.1', 0)).to.equal('10.0.0.1');
  });
});
