import { createEvent } from 'ics';

/** The event as an .ics file (UTC times; calendar apps show them in the reader's zone). */
export function eventIcs(event: { id: string; name: string; location: string; eventDate: Date }, url: string): string {
  const start = event.eventDate;
  const { error, value } = createEvent({
    uid: `${event.id}@queuetix`,
    title: event.name,
    location: event.location,
    url,
    start: start.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { hours: 3 },
    productId: 'queuetix',
  });
  if (error || !value) throw error ?? new Error('could not build the calendar file');
  return value;
}
