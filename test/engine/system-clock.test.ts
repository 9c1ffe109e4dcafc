import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CancelledError } from "../../sdk/errors.ts";
import { createSystemClock } from "../../sdk/ports/clock.ts";

/** Fake timers model Node's limit: a setTimeout over 2^31-1 ms (about 24.8 days) fires after 1 ms. */
const DAY = 24 * 60 * 60 * 1000;

describe("createSystemClock().sleep: a wall-clock pause longer than one timer can wait", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] }));
  afterEach(() => vi.useRealTimers());

  it("waits the whole 30 days, not one millisecond", async () => {
    let woke = false;
    const slept = createSystemClock()
      .sleep(30 * DAY)
      .then(() => (woke = true));
    await vi.advanceTimersByTimeAsync(30 * DAY - 1);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await slept;
    expect(woke).toBe(true);
  });

  it("is still cancelled by its signal after the first timer has run out, leaving no timer behind", async () => {
    const abort = new AbortController();
    const slept = createSystemClock().sleep(60 * DAY, abort.signal);
    await vi.advanceTimersByTimeAsync(26 * DAY);
    abort.abort();
    await expect(slept).rejects.toBeInstanceOf(CancelledError);
    expect(vi.getTimerCount()).toBe(0);
  });
});
