import type { CreateEventRequest } from '@queuetix/contracts/events';

type Rgb = [number, number, number];

export interface DemoEvent {
  event: CreateEventRequest;
  colours: [Rgb, Rgb];
  /** Demo fans queued at seed time, so the big show has a long line to look at. */
  queuedFans?: number;
}

const minutes = (n: number) => n * 60_000;
const days = (n: number) => n * 24 * 3600_000;
const at = (now: number, offset: number, hourUtc = 19) => {
  const d = new Date(now + offset);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d.toISOString();
};

/** Six varied events: a small one on sale now, a lottery drop soon, a crowded big show, a free one, other currencies. */
export function demoEvents(now: number): DemoEvent[] {
  const base = { salesStartAt: null, allowedOrigins: [] as string[] };
  return [
    {
      event: {
        ...base,
        name: 'Midnight Synthwave — Club Night',
        description: 'Neon, analogue synths and a tiny room. Only a handful of tickets: join the line and watch your place move.',
        location: 'The Basement, Berlin',
        eventDate: at(now, days(9), 21),
        price: 2500,
        currency: 'eur',
        totalTickets: 8,
        maxPerBuyer: 2,
        offerWindowSec: 180,
      },
      colours: [
        [46, 16, 101],
        [236, 72, 153],
      ],
    },
    {
      event: {
        ...base,
        name: 'Aurora Live — Lottery Drop',
        description: 'Everyone who joins before the on-sale is placed in a fair, seeded random order when sales open. No need to refresh at the exact second.',
        location: 'Harpa Concert Hall, Reykjavík',
        eventDate: at(now, days(30)),
        salesStartAt: new Date(now + minutes(5)).toISOString(),
        price: 4900,
        currency: 'usd',
        totalTickets: 200,
        maxPerBuyer: 4,
        offerWindowSec: 600,
      },
      colours: [
        [6, 78, 59],
        [56, 189, 248],
      ],
    },
    {
      event: {
        ...base,
        name: 'The Big Show — Stadium Tour',
        description: 'The tour everyone wants a ticket for. The line is long; offers move down it as buyers pay or let them lapse.',
        location: 'Wembley Stadium, London',
        eventDate: at(now, days(60), 18),
        price: 8900,
        currency: 'gbp',
        totalTickets: 60,
        maxPerBuyer: 4,
        offerWindowSec: 300,
      },
      colours: [
        [127, 29, 29],
        [251, 146, 60],
      ],
      queuedFans: 240,
    },
    {
      event: {
        ...base,
        name: 'Open-air Cinema: Summer Classics',
        description: 'Free screening in the park. Bring a blanket; tickets are free but limited so everyone gets a spot on the grass.',
        location: 'Parc de la Villette, Paris',
        eventDate: at(now, days(14), 20),
        price: 0,
        currency: 'eur',
        totalTickets: 300,
        maxPerBuyer: 6,
        offerWindowSec: 300,
      },
      colours: [
        [30, 58, 138],
        [250, 204, 21],
      ],
    },
    {
      event: {
        ...base,
        name: 'Tokyo Jazz Night',
        description: 'A late set of modern jazz in an intimate club. Priced in yen.',
        location: 'Blue Note, Tokyo',
        eventDate: at(now, days(21), 11),
        price: 6000,
        currency: 'jpy',
        totalTickets: 120,
        maxPerBuyer: 2,
        offerWindowSec: 600,
      },
      colours: [
        [15, 23, 42],
        [99, 102, 241],
      ],
    },
    {
      event: {
        ...base,
        name: 'Vue & Node Summit 2027',
        description: 'Two days of talks and workshops on building fast, fair web products. Team tickets up to 10.',
        location: 'Amsterdam RAI',
        eventDate: at(now, days(95), 8),
        price: 19900,
        currency: 'usd',
        totalTickets: 500,
        maxPerBuyer: 10,
        offerWindowSec: 900,
      },
      colours: [
        [20, 83, 45],
        [132, 204, 22],
      ],
    },
  ];
}
