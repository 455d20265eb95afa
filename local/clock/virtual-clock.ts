/**
 * Virtual time for the local runtime: now = real now + offset, so time flows normally during
 * `npm start`; a clock may start at any instant, past or future (a test picks the week it needs
 * whatever today is), and `advance()` jumps it forward, firing every sleeper that falls due in order and
 * returning only once the work they started has settled (quiescence).
 */
import { clock as domainClock } from '../../functions/adapters/clock';

/** Node's setTimeout overflows above 2^31-1 ms and then fires at once; longer sleeps re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 2;

interface Sleeper {
  due: number;
  seq: number;
  wake(): void;
  timer?: NodeJS.Timeout;
}

export interface VirtualClockOptions {
  /** Start this far from real time (a persisted offset; negative is the past). */
  offsetMs?: number;
  /** Start at this instant (ms since the epoch), past or future; wins over offsetMs. */
  startAt?: number;
  /** Called whenever the offset moves (to persist it). */
  onOffsetChange?: (offsetMs: number) => void;
  /** How long settle() waits for tracked work before giving up (real ms). */
  settleTimeoutMs?: number;
  /** Time moves only by advance() (deterministic tests), not with the real clock. */
  frozen?: boolean;
}

export class VirtualClock {
  private offset: number;
  private seq = 0;
  private generation = 0;
  private readonly sleepers = new Set<Sleeper>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly drains = new Set<() => Promise<boolean>>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly onOffsetChange?: (offsetMs: number) => void;
  private readonly settleTimeoutMs: number;
  /** The real instant time stands still at, when frozen. */
  private readonly frozenAt: number | undefined;

  constructor(options: VirtualClockOptions = {}) {
    const realNow = Date.now();
    this.frozenAt = options.frozen ? realNow : undefined;
    this.offset = options.startAt === undefined ? (options.offsetMs ?? 0) : options.startAt - realNow;
    this.onOffsetChange = options.onOffsetChange;
    this.settleTimeoutMs = options.settleTimeoutMs ?? 60_000;
  }

  nowMs(): number {
    return (this.frozenAt ?? Date.now()) + this.offset;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  get offsetMs(): number {
    return this.offset;
  }

  /** Sleepers not yet woken (for diagnostics and tests). */
  get pendingSleeps(): number {
    return this.sleepers.size;
  }

  /** Makes the handlers' clock port read this clock. */
  install(): void {
    domainClock.useSource(() => this.now());
  }

  /**
   * Resolves once virtual now >= due: by a real timer (time flows) or by advance(). Rejects with
   * the signal's reason when aborted, and then holds no timer.
   */
  sleepUntil(due: Date | number, signal?: AbortSignal): Promise<void> {
    const dueMs = typeof due === 'number' ? due : due.getTime();
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (dueMs <= this.nowMs()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.drop(sleeper);
        reject(signal?.reason);
      };
      const sleeper: Sleeper = {
        due: dueMs,
        seq: this.seq++,
        wake: () => {
          this.drop(sleeper);
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.add(sleeper);
      this.arm(sleeper);
    });
  }

  /** Work that advance()/settle() must wait for (handler invocations, writes). */
  track<T>(promise: Promise<T>): Promise<T> {
    this.generation++;
    this.inFlight.add(promise);
    const done = () => this.inFlight.delete(promise);
    promise.then(done, done);
    return promise;
  }

  /**
   * Registers work settle() must also run dry, e.g. a stream poller: drain() processes what is
   * pending and resolves true if it did anything. Returns the unregister function.
   */
  addDrain(drain: () => Promise<boolean>): () => void {
    this.drains.add(drain);
    return () => this.drains.delete(drain);
  }

  /** Waits until no tracked work is in flight, drains are dry, and nothing new started meanwhile. */
  async settle(): Promise<void> {
    const deadline = Date.now() + this.settleTimeoutMs;
    for (;;) {
      const seen = this.generation;
      while (this.inFlight.size > 0) await this.waitInFlight(deadline);
      let busy = false;
      for (const drain of this.drains) busy = (await drain()) || busy;
      // Interpreter progress between tasks is all microtasks: one macrotask turn drains it.
      await new Promise((resolve) => setImmediate(resolve));
      if (!busy && this.inFlight.size === 0 && this.generation === seen) return;
      if (Date.now() > deadline) throw new Error(`virtual clock: work kept starting for ${this.settleTimeoutMs} ms`);
    }
  }

  /**
   * Moves virtual time forward by ms, waking due sleepers earliest first (with now set to their
   * due time) and settling after each step; advances are serialized.
   */
  advance(ms: number): Promise<Date> {
    if (!Number.isFinite(ms) || ms < 0) return Promise.reject(new RangeError(`cannot advance by ${ms} ms`));
    const run = this.queue.then(() => this.advanceNow(ms));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Forgets every sleeper (they never resolve) and clears their timers: for shutdown. */
  dispose(): void {
    for (const sleeper of this.sleepers) clearTimeout(sleeper.timer);
    this.sleepers.clear();
  }

  private async advanceNow(ms: number): Promise<Date> {
    const target = this.nowMs() + ms;
    await this.settle();
    for (let next = this.earliestDue(); next !== undefined && next <= target; next = this.earliestDue()) {
      this.moveTo(next);
      this.wakeDue();
      await this.settle();
    }
    this.moveTo(target);
    this.wakeDue();
    await this.settle();
    return this.now();
  }

  private moveTo(ms: number) {
    const delta = ms - this.nowMs();
    if (delta <= 0) return;
    this.offset += delta;
    this.onOffsetChange?.(this.offset);
  }

  private earliestDue(): number | undefined {
    let min: number | undefined;
    for (const s of this.sleepers) if (min === undefined || s.due < min) min = s.due;
    return min;
  }

  private wakeDue() {
    const now = this.nowMs();
    const due = [...this.sleepers].filter((s) => s.due <= now).sort((a, b) => a.due - b.due || a.seq - b.seq);
    for (const sleeper of due) sleeper.wake();
  }

  private arm(sleeper: Sleeper) {
    if (this.frozenAt !== undefined) return; // only advance() wakes sleepers
    const wait = Math.min(Math.max(sleeper.due - this.nowMs(), 0), MAX_TIMER_MS);
    sleeper.timer = setTimeout(() => (this.nowMs() >= sleeper.due ? sleeper.wake() : this.arm(sleeper)), wait);
  }

  private drop(sleeper: Sleeper) {
    clearTimeout(sleeper.timer);
    this.sleepers.delete(sleeper);
  }

  private async waitInFlight(deadline: number) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new Error(
        `virtual clock: ${this.inFlight.size} tracked task(s) still running after ${this.settleTimeoutMs} ms`,
      );
    }
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise((resolve) => (timer = setTimeout(resolve, remaining)));
    await Promise.race([Promise.allSettled([...this.inFlight]), expired]);
    clearTimeout(timer);
  }
}
