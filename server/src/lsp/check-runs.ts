/**
 * The checks of open documents in flight. A newer check of a document makes the older ones stale
 * (they stop at their next pause and publish nothing), and background work (the workspace index)
 * waits until no check runs, so that it never delays an open document's diagnostics.
 */
export class CheckRuns {
  /** The newest run per document URI. */
  private readonly newest = new Map<string, number>();
  private lastId = 0;
  private running = 0;
  private idleWaiters: Array<() => void> = [];

  /** Starts a check of a document and returns its id; the document's older runs are stale from now on. */
  start(uri: string): number {
    const id = ++this.lastId;
    this.newest.set(uri, id);
    this.running++;
    return id;
  }

  /** True while the run is the newest of its document and the document was not closed. */
  isCurrent(uri: string, id: number): boolean {
    return this.newest.get(uri) === id;
  }

  /** Ends a run (whether it completed or stopped); call once per `start`. */
  finish(uri: string, id: number): void {
    if (this.newest.get(uri) === id) this.newest.delete(uri);
    this.running--;
    if (this.running > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }

  /** Makes every run of a document stale (it was closed). */
  cancel(uri: string): void {
    this.newest.delete(uri);
  }

  /** Resolves when no check is in flight (at once when none is). */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}

/** Resolves after the events waiting now (I/O, requests) had their turn. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
