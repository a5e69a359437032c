import { MongoClient, type CommandStartedEvent } from 'mongodb';
import { testDatabase } from './hooks.js';

/**
 * A driver client of the run's database that records every insert command it sends, for tests
 * that count the database round trips a grouping saves. Call inside a `describe`: it connects
 * before the suite's tests and closes after them.
 */
export function insertMonitor(): { readonly mongo: MongoClient; inserts: CommandStartedEvent[] } {
  let client: MongoClient | undefined;
  const monitor = {
    get mongo(): MongoClient {
      if (!client) throw new Error('insertMonitor: used outside its describe');
      return client;
    },
    inserts: [] as CommandStartedEvent[],
  };
  before(async () => {
    client = await new MongoClient(testDatabase().url, { monitorCommands: true }).connect();
    client.on('commandStarted', (event) => {
      if (event.commandName === 'insert') monitor.inserts.push(event);
    });
  });
  after(() => client?.close());
  return monitor;
}
