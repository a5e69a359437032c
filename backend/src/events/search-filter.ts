import type { Filter } from 'mongodb';
import type { SearchEventsQuery } from '@queuetix/contracts/events';
import type { EventDoc } from './event-doc.js';

/** Regex metacharacters are escaped so a search for "a+b (live)" means exactly that text. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * The search of docs/domain.md ("Search and filter") as a MongoDB filter that FerretDB also runs:
 * case-insensitive text over name, description and location (regex, since $text is not
 * available), date and price ranges, and "has availability" from the stored summary.
 * Cancelled events stay in results (shown as cancelled) unless availability is asked for.
 */
export function searchFilter(query: SearchEventsQuery): Filter<EventDoc> {
  const and: Filter<EventDoc>[] = [];
  if (query.q) {
    const words = query.q.split(/\s+/).filter(Boolean).slice(0, 8);
    for (const word of words) {
      const pattern = { $regex: escapeRegex(word), $options: 'i' };
      and.push({ $or: [{ name: pattern }, { description: pattern }, { location: pattern }] });
    }
  }
  if (query.from || query.to) {
    and.push({ eventDate: { ...(query.from ? { $gte: new Date(query.from) } : {}), ...(query.to ? { $lte: new Date(query.to) } : {}) } });
  }
  if (query.minPrice !== undefined || query.maxPrice !== undefined) {
    and.push({
      price: { ...(query.minPrice !== undefined ? { $gte: query.minPrice } : {}), ...(query.maxPrice !== undefined ? { $lte: query.maxPrice } : {}) },
    });
  }
  if (query.available === true) {
    and.push({ isCancelled: false, 'availability.soldOut': false });
  } else if (query.available === false) {
    and.push({ $or: [{ isCancelled: true }, { 'availability.soldOut': true }] });
  }
  return and.length === 0 ? {} : and.length === 1 ? and[0]! : { $and: and };
}
