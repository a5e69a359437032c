declare module 'autocannon' {
  /** Without a callback autocannon returns its tracker (an EventEmitter: 'response', 'done', …) made thenable. */
  const autocannon: (opts: Record<string, unknown>) => PromiseLike<any> & import('node:events').EventEmitter;
  export default autocannon;
}
