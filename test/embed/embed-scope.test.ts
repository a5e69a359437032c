/** The one list of what an embed token may reach (backend/src/embed/embed-scope.ts), path by path. */
import { expect } from 'chai';
import { embedRouteAllowed, socketMayWatch } from '../../backend/src/embed/embed-scope.js';
import { passRouteAllowed } from '../../backend/src/door/pass-scope.js';

const scope = { eventId: 'ev_1', origin: 'https://shop.example.com' };
const allowed = (method: string, path: string, query: Record<string, string> = {}) => embedRouteAllowed(method, path, query, scope);

describe('embed scope: the routes an embed token reaches', () => {
  it('allows the buyer routes of its own event, however the router would spell them', () => {
    expect(allowed('POST', '/api/events/ev_1/queue')).to.equal(true);
    expect(allowed('post', '/API/Events/ev_1/Queue/')).to.equal(true);
    expect(allowed('GET', '/api/events/ev_1/queue/me')).to.equal(true);
    expect(allowed('DELETE', '/api/events/ev_1/queue/me/')).to.equal(true);
    expect(allowed('POST', '/api/events/ev_1/checkout')).to.equal(true);
    expect(allowed('GET', '/api/events/%65v_1/queue/me')).to.equal(true); // the router decodes the id too
    expect(allowed('GET', '/api/tickets', { eventId: 'ev_1' })).to.equal(true);
    // The widget solves its event's proof-of-work challenge to join, and shows the draw's commitment.
    expect(allowed('GET', '/api/events/ev_1/queue/challenge')).to.equal(true);
    expect(allowed('GET', '/api/events/ev_1/draw')).to.equal(true);
    // Ticket types (issue 15): its codes are checked, and a request changed when a type sold out.
    expect(allowed('POST', '/api/events/ev_1/codes/check')).to.equal(true);
    expect(allowed('PATCH', '/api/events/ev_1/queue/me')).to.equal(true);
  });

  it('refuses other events, other methods, other routes and tricks with the path', () => {
    expect(allowed('POST', '/api/events/ev_2/queue')).to.equal(false);
    expect(allowed('GET', '/api/events/ev_1/queue')).to.equal(false);
    expect(allowed('PATCH', '/api/events/ev_1')).to.equal(false);
    expect(allowed('GET', '/api/events/ev_1')).to.equal(false);
    expect(allowed('GET', '/api/tickets')).to.equal(false);
    expect(allowed('GET', '/api/tickets', { eventId: 'ev_2' })).to.equal(false);
    expect(allowed('GET', '/api/tickets/t_1', { eventId: 'ev_1' })).to.equal(false);
    expect(allowed('GET', '/api/events/ev_1/queue/me/../../../../me')).to.equal(false);
    expect(allowed('POST', '/api/events/ev_1%2F..%2Fev_2/queue')).to.equal(false);
    expect(allowed('POST', '/api/events/%E0%A4%A/queue')).to.equal(false); // undecodable
    expect(allowed('POST', '/api/embed/token')).to.equal(false);
    expect(allowed('GET', '/api/events/ev_2/queue/challenge')).to.equal(false);
    expect(allowed('GET', '/api/events/ev_2/draw')).to.equal(false);
    expect(allowed('POST', '/api/events/ev_1/draw')).to.equal(false);
    // The owner's codes are not the widget's business.
    expect(allowed('GET', '/api/events/ev_1/codes')).to.equal(false);
    expect(allowed('POST', '/api/events/ev_1/codes')).to.equal(false);
    expect(allowed('POST', '/api/events/ev_2/codes/check')).to.equal(false);
    expect(allowed('PATCH', '/api/events/ev_2/queue/me')).to.equal(false);
  });

  it('lets its socket watch only its event', () => {
    expect(socketMayWatch(scope, 'ev_1')).to.equal(true);
    expect(socketMayWatch(scope, 'ev_2')).to.equal(false);
    expect(socketMayWatch(undefined, 'ev_2')).to.equal(true); // a site session or an anonymous socket
  });

  it('lets a check-in pass reach only its event’s check-in and door count', () => {
    expect(passRouteAllowed('POST', '/api/events/ev_1/check-in', 'ev_1')).to.equal(true);
    expect(passRouteAllowed('GET', '/api/events/ev_1/door', 'ev_1')).to.equal(true);
    expect(passRouteAllowed('POST', '/api/events/ev_2/check-in', 'ev_1')).to.equal(false);
    expect(passRouteAllowed('GET', '/api/events/ev_1/check-in-passes', 'ev_1')).to.equal(false);
    expect(passRouteAllowed('GET', '/api/events/ev_1/check-in', 'ev_1')).to.equal(false);
  });
});
