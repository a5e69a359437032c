/** Socket.IO room names. Emits to a room reach its members on every instance (Redis adapter). */

/** Everyone watching an event: `availability`. */
export const eventRoom = (eventId: string) => `event:${eventId}`;

/** Every socket of one signed-in user: `entry` and `ticket`. */
export const userRoom = (userId: string) => `user:${userId}`;

/** Every socket of one seller: `refunds` of the events they own (only the owner's id can match). */
export const sellerRoom = (userId: string) => `seller:${userId}`;

/** The sockets of one user opened with an embed token for one event: that event's `entry` and `ticket` only. */
export const userEventRoom = (userId: string, eventId: string) => `user:${userId}:event:${eventId}`;
