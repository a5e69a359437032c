import type { QueueEntry } from './entry.js';

/**
 * Live offers ordered by deadline (ties by join order, so the order is total and a rebuilt heap
 * pops exactly like the original). Each entry remembers its heap index, so an offer that ends
 * early (purchase, leave, cancel) is removed in O(log n).
 */
export class OfferHeap {
  private readonly items: QueueEntry[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): QueueEntry | undefined {
    return this.items[0];
  }

  push(entry: QueueEntry): void {
    entry.heapIndex = this.items.length;
    this.items.push(entry);
    this.siftUp(entry.heapIndex);
  }

  remove(entry: QueueEntry): void {
    const index = entry.heapIndex;
    if (index < 0) return;
    const last = this.items.pop()!;
    entry.heapIndex = -1;
    if (last === entry) return;
    this.items[index] = last;
    last.heapIndex = index;
    this.siftDown(index);
    this.siftUp(last.heapIndex);
  }

  private siftUp(index: number): void {
    const items = this.items;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(items[index]!, items[parent]!)) return;
      this.swap(index, parent);
      index = parent;
    }
  }

  private siftDown(index: number): void {
    const items = this.items;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let first = index;
      if (left < items.length && before(items[left]!, items[first]!)) first = left;
      if (right < items.length && before(items[right]!, items[first]!)) first = right;
      if (first === index) return;
      this.swap(index, first);
      index = first;
    }
  }

  private swap(a: number, b: number): void {
    const items = this.items;
    const x = items[a]!;
    const y = items[b]!;
    items[a] = y;
    items[b] = x;
    y.heapIndex = a;
    x.heapIndex = b;
  }
}

function before(a: QueueEntry, b: QueueEntry): boolean {
  return a.offerExpiresAt < b.offerExpiresAt || (a.offerExpiresAt === b.offerExpiresAt && a.seq < b.seq);
}
