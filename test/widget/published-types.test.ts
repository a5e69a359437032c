/**
 * Issue 13, point 16: the widget's types for organisers (widget/public/widget.d.ts, served at
 * /widget.d.ts) say exactly what the widget and the API send. The type assertions below fail
 * `npx tsc -p .` when a contract or an event detail changes and the published file does not.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Entry, Event, Ticket } from '@queuetix/contracts';
import type { WidgetErrorCode } from '../../widget/src/api/errors.js';
import type { QueuetixJoinedDetail, QueuetixOfferDetail, QueuetixPurchasedDetail } from '../../widget/src/ticket-widget/ticket-widget.events.js';
import type * as Published from '../../widget/public/widget.js';
import { sharedBackend } from '../support/backend.js';
import { repoRoot } from '../support/paths.js';

/** true only when A and B are assignable both ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const inStep: [
  Same<Published.QueuetixEntry, Entry>,
  Same<Published.QueuetixEvent, Event>,
  Same<Published.QueuetixTicket, Ticket>,
  Same<Published.QueuetixErrorCode, WidgetErrorCode>,
  Same<Published.QueuetixJoinedDetail, QueuetixJoinedDetail>,
  Same<Published.QueuetixOfferDetail, QueuetixOfferDetail>,
  Same<Published.QueuetixPurchasedDetail, QueuetixPurchasedDetail>,
] = [true, true, true, true, true, true, true];

describe('widget: published types (/widget.d.ts)', () => {
  it('matches the contracts and event details (checked by the type check; recorded here)', () => {
    expect(inStep.every(Boolean)).to.equal(true);
  });

  it('is served next to /widget.js, to any origin, as TypeScript', async function () {
    const built = `${repoRoot}/widget/dist/widget.d.ts`;
    try {
      readFileSync(built);
    } catch {
      this.skip(); // widget not built in this run (npm test builds it first)
    }
    const res = await fetch(`${(await sharedBackend()).url}/widget.d.ts`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^application\/typescript/);
    expect(res.headers.get('access-control-allow-origin')).to.equal('*');
    const text = await res.text();
    expect(text).to.equal(readFileSync(`${repoRoot}/widget/public/widget.d.ts`, 'utf8'));
    expect(text).to.contain("'queuetix-ticket-widget': QueuetixTicketWidgetElement");
  });
});
