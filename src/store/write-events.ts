/**
 * "Mentions written": what the mention writer (mention-writer.ts) announces after each
 * batch it commits, so what derives from mentions (Watch's rollups and alert rules)
 * follows by construction instead of by a call each write path must remember.
 *
 * Listeners run after the commit, off the writer's path (a listener's failure is logged,
 * never thrown at the writer); `settled()` waits for what they started, and the store
 * waits for it before closing.
 */
import { log } from '../core/log.ts';

export interface MentionsWritten {
  workspaceIds: number[];
  /** Mentions inserted or changed. */
  mentionIds: number[];
  /** Topics whose links or linked mentions changed. */
  topicIds: number[];
}

export type MentionsWrittenListener = (event: MentionsWritten) => void | Promise<unknown>;

/**
 * The batches written during a hold, gathered in place: a held import announces its mention
 * ids once at the end, and copying them all at every batch cost an import of n batches n²/2
 * copies (2.4 of 17 CPU-s for 200,000 rows in `npm run bench:ingest`, growing with the square).
 */
class HeldWrites {
  readonly #workspaceIds = new Set<number>();
  readonly #mentionIds: number[] = [];
  readonly #topicIds = new Set<number>();

  add(event: MentionsWritten): void {
    for (const id of event.workspaceIds) this.#workspaceIds.add(id);
    for (const id of event.mentionIds) this.#mentionIds.push(id);
    for (const id of event.topicIds) this.#topicIds.add(id);
  }

  event(): MentionsWritten {
    return { workspaceIds: [...this.#workspaceIds], mentionIds: this.#mentionIds, topicIds: [...this.#topicIds] };
  }
}

export class WriteEvents {
  readonly #listeners = new Set<MentionsWrittenListener>();
  readonly #pending = new Set<Promise<unknown>>();
  #holds = 0;
  #held: HeldWrites | null = null;

  /** Calls `listener` after every batch written; returns the unsubscribe. */
  subscribe(listener: MentionsWrittenListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: MentionsWritten): void {
    if (event.workspaceIds.length === 0) return;
    if (this.#holds > 0) {
      (this.#held ??= new HeldWrites()).add(event);
      return;
    }
    for (const listener of this.#listeners) {
      const run = Promise.resolve()
        .then(() => listener(event))
        .catch((error: unknown) => log.warn({ err: (error as Error).message }, 'a "mentions written" listener failed'))
        .finally(() => this.#pending.delete(run));
      this.#pending.add(run);
    }
  }

  /**
   * Runs `fn` with this process's events held and merged into one, announced when it ends
   * (written rows stay written if it fails): a bulk import is one write for its listeners,
   * not one per batch (alert rules evaluated mid-import would compete with it for the store).
   */
  async hold<T>(fn: () => Promise<T>): Promise<T> {
    this.#holds++;
    try {
      return await fn();
    } finally {
      if (--this.#holds === 0 && this.#held) {
        const held = this.#held.event();
        this.#held = null;
        this.emit(held);
      }
    }
  }

  /** Resolves when every listener run started so far (and any they started) has finished. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending);
  }
}
