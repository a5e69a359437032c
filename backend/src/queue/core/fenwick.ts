/**
 * A growable Fenwick (binary indexed) tree of 0/1 counts over line slots: how many entries are
 * still waiting up to a slot, in O(log n). Slots are only ever appended, so a node, which covers
 * (k - lowbit(k), k], never depends on the capacity and growing is a plain copy.
 */
export class Fenwick {
  private tree: Int32Array;
  private length = 0;

  constructor(capacity = 1024) {
    this.tree = new Int32Array(Math.max(2, capacity + 1));
  }

  /** Builds the tree for the given counts in O(n). */
  static from(counts: ArrayLike<number>): Fenwick {
    const fenwick = new Fenwick(counts.length);
    const tree = fenwick.tree;
    const n = counts.length;
    for (let k = 1; k <= n; k++) {
      tree[k]! += counts[k - 1]!;
      const parent = k + (k & -k);
      if (parent <= n) tree[parent]! += tree[k]!;
    }
    fenwick.length = n;
    return fenwick;
  }

  get size(): number {
    return this.length;
  }

  /** Appends a slot holding `count`; returns its index. */
  push(count: number): number {
    const k = this.length + 1;
    if (k >= this.tree.length) {
      const grown = new Int32Array(this.tree.length * 2);
      grown.set(this.tree);
      this.tree = grown;
    }
    this.tree[k] = count + this.sumTo(k - 1) - this.sumTo(k - (k & -k));
    this.length = k;
    return k - 1;
  }

  add(slot: number, delta: number): void {
    for (let k = slot + 1; k <= this.length; k += k & -k) this.tree[k]! += delta;
  }

  /** Sum of counts in slots 0..slot inclusive. */
  prefix(slot: number): number {
    return this.sumTo(slot + 1);
  }

  private sumTo(k: number): number {
    let sum = 0;
    for (; k > 0; k -= k & -k) sum += this.tree[k]!;
    return sum;
  }
}
