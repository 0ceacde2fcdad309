/** Options of {@link CircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Consecutive failures (errors or timeouts) that open the circuit. Default 5. */
  failureThreshold?: number;
  /** How long an open circuit fails fast before one probe is let through, in ms. Default 5 000. */
  coolDownMs?: number;
  /** Milliseconds since some epoch; injected so tests control time. Default `performance.now`. */
  now?: () => number;
}

/** `closed`: calls go through. `open`: calls fail fast. `half-open`: one probe call is in flight. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * A circuit breaker for one downstream service, as a small pure state machine: the caller asks
 * {@link tryAcquire} before a call and reports {@link recordSuccess} or {@link recordFailure} after it.
 * After `failureThreshold` consecutive failures the circuit opens and every call is refused at once, so a hung
 * service costs milliseconds instead of a full timeout per request. After `coolDownMs` one probe is let through
 * (half-open): its success closes the circuit, its failure opens it for another cool-down.
 */
export class CircuitBreaker {
  readonly failureThreshold: number;
  readonly coolDownMs: number;
  readonly #now: () => number;
  #state: CircuitState = 'closed';
  #failures = 0;
  #openedAt = 0;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 5;
    this.coolDownMs = options.coolDownMs ?? 5_000;
    this.#now = options.now ?? (() => performance.now());
  }

  /** The state as of now (an open circuit whose cool-down has passed reports `half-open` only once probed). */
  get state(): CircuitState {
    return this.#state;
  }

  /** Milliseconds until an open circuit lets a probe through; 0 when not open. */
  retryAfterMs(): number {
    if (this.#state !== 'open') return 0;
    return Math.max(0, this.#openedAt + this.coolDownMs - this.#now());
  }

  /**
   * Whether a call may go ahead now. An open circuit past its cool-down turns half-open and admits exactly this
   * one call as the probe; further calls are refused until the probe reports.
   */
  tryAcquire(): boolean {
    switch (this.#state) {
      case 'closed':
        return true;
      case 'open':
        if (this.#now() - this.#openedAt < this.coolDownMs) return false;
        this.#state = 'half-open';
        return true;
      case 'half-open':
        return false;
      default: {
        const unreachable: never = this.#state;
        throw new Error(`unknown circuit state ${String(unreachable)}`);
      }
    }
  }

  /** A call succeeded: the circuit closes and the failure count restarts. */
  recordSuccess(): void {
    this.#state = 'closed';
    this.#failures = 0;
  }

  /**
   * A call ended without telling anything about the service (e.g. cut short by the client's own deadline): the
   * failure count is unchanged, and a half-open circuit may send its next call as the probe.
   */
  release(): void {
    if (this.#state === 'half-open') {
      this.#state = 'open';
      this.#openedAt = this.#now() - this.coolDownMs;
    }
  }

  /** A call failed or timed out: a failed probe, or the threshold-th consecutive failure, opens the circuit. */
  recordFailure(): void {
    this.#failures += 1;
    if (this.#state === 'half-open' || this.#failures >= this.failureThreshold) {
      this.#state = 'open';
      this.#openedAt = this.#now();
    }
  }
}
