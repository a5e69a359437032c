/**
 * The public contract of the Queuetix API: zod schemas and their types, the Socket.IO event maps
 * and the error codes, shared by the backend (validation), the Vue site and the widget (typed clients).
 * Change only by adding (docs/api.md is a public contract).
 */
export * from './common.js';
export * from './ticket-types.js';
export * from './codes.js';
export * from './auth.js';
export * from './events.js';
export * from './queue.js';
export * from './tickets.js';
export * from './payments.js';
export * from './seller.js';
export * from './realtime.js';
export * from './socket-events.js';
export * from './ticket-code.js';
export * from './embed.js';
export * from './door.js';
export * from './draw.js';
export * from './pow.js';
