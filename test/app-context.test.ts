import { expect } from 'chai';
import { pino } from 'pino';
import { moduleContext, type AppContext } from '../backend/src/app-context.js';
import type { EventService } from '../backend/src/events/event-service.js';

describe('app context: what each module is given', () => {
  it('gives a module a child logger naming it, and logs errors as { err } with their stack', () => {
    const lines: Record<string, unknown>[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const app = { log } as AppContext;
    moduleContext(app, 'payments').log.warn({ err: new Error('database gone') }, 'could not record the refund attempt');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({ module: 'payments', msg: 'could not record the refund attempt' });
    expect(lines[0]!.err).to.include({ type: 'Error', message: 'database gone' });
    expect(String((lines[0]!.err as { stack: string }).stack)).to.match(/app-context\.test\.ts/);
  });

  it('shares the one context: what a module sets is seen by every other, and reads are live', () => {
    const app = { log: pino({ level: 'silent' }) } as AppContext;
    const events = moduleContext(app, 'events');
    const seller = moduleContext(app, 'seller');
    const service = {} as EventService;
    events.events = service;
    expect(app.events).to.equal(service);
    expect(seller.events).to.equal(service);
    expect(seller.log).to.not.equal(app.log);
  });
});
