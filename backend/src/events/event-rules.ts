import { Invalid } from '../errors.js';

/**
 * Date rules the schemas cannot see alone: an event is published for the future, and its sales
 * open before it takes place.
 */
export function checkEventDates(eventDate: Date, salesStartAt: Date | null, now: number, eventDateChanged: boolean): void {
  if (eventDateChanged && eventDate.getTime() <= now) {
    throw new Invalid('Invalid event — eventDate: must be in the future', { fields: [{ path: 'eventDate', message: 'must be in the future' }] });
  }
  if (salesStartAt && salesStartAt.getTime() >= eventDate.getTime()) {
    throw new Invalid('Invalid event — salesStartAt: must be before eventDate', {
      fields: [{ path: 'salesStartAt', message: 'must be before eventDate' }],
    });
  }
}
