/**
 * Which signed-in users watch which events through sockets of this instance, counted per socket
 * (a buyer may have the page open in two tabs). Anonymous watchers are not listed: they have no
 * entry to update.
 */
export class LocalWatchers {
  private readonly byEvent = new Map<string, Map<string, number>>();

  add(eventId: string, userId: string): void {
    let users = this.byEvent.get(eventId);
    if (!users) this.byEvent.set(eventId, (users = new Map<string, number>()));
    users.set(userId, (users.get(userId) ?? 0) + 1);
  }

  remove(eventId: string, userId: string): void {
    const users = this.byEvent.get(eventId);
    const count = users?.get(userId);
    if (!users || count === undefined) return;
    if (count > 1) users.set(userId, count - 1);
    else users.delete(userId);
    if (users.size === 0) this.byEvent.delete(eventId);
  }

  usersOf(eventId: string): string[] {
    return [...(this.byEvent.get(eventId)?.keys() ?? [])];
  }
}
