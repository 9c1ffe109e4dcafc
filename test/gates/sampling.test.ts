import { describe, expect, it } from "vitest";
import { indicatorsFor } from "../../sdk/gates/indicators/index.ts";
import { sampleSpacingMs, windowTooShort } from "../../sdk/gates/sampling.ts";
import type { MetricsPort } from "../../sdk/ports/metrics.ts";

/** Prometheus answering how many samples the densest series holds over each range ("1m", "10m"); absent: none. */
const counting = (byRange: Record<string, number>): MetricsPort => ({
  url: "http://prometheus.test",
  query: async (q, at) => {
    const n = byRange[/\[(\w+)\]/.exec(q)![1]!];
    return { at: at ?? 0, samples: n === undefined ? [] : [{ labels: {}, value: n }], warnings: [] };
  },
  queryRange: async () => ({ series: [], warnings: [] }),
});
const istio = indicatorsFor("istio");
const scope = { namespace: "prod", service: "orders", version: "release" };
const spacing = (byRange: Record<string, number>) => sampleSpacingMs(counting(byRange), (r) => istio.requestSamples(scope, r), 0);
const short = (byRange: Record<string, number>, window = "1m") => windowTooShort(counting(byRange), istio, scope, window, 0);

describe("the scrape interval, read from the samples", () => {
  it("reads the usual interval the counts allow, however the range's edges fall on the samples", async () => {
    expect(await spacing({ "1m": 4, "10m": 40 })).toBe(15_000);
    expect(await spacing({ "1m": 5, "10m": 41 })).toBe(15_000); // a sample on each edge
    expect(await spacing({ "1m": 1, "10m": 10 })).toBe(60_000);
    expect(await spacing({ "1m": 12, "10m": 120 })).toBe(5_000);
    expect(await spacing({ "1m": 2, "10m": 13 })).toBe(50_000); // 45 s is no usual interval: the upper bound, 600 s / 12
  });

  it("trusts the minute for a series younger than ten minutes, and knows nothing of one sample", async () => {
    // 4 samples in a minute are 15 s or 20 s apart: the longer, so that two of them surely fit in twice it
    expect(await spacing({ "1m": 4, "10m": 12 })).toBe(20_000);
    expect(await spacing({ "1m": 1, "10m": 1 })).toBeNull();
    expect(await spacing({})).toBeNull();
  });

  it("calls a window too short only when its series are sparse, not new and not stopped", async () => {
    expect(await short({ "1m": 1, "10m": 10 })).toBe(
      '1m is shorter than two scrape intervals of its series (a sample every 1m): increase() needs two samples in its window and finds at most one; give the gate a window of four scrape intervals or more (window: "4m")',
    );
    expect(await short({ "1m": 10, "10m": 10 }, "4m")).toBeNull();
    expect(await short({ "1m": 2, "10m": 2 })).toBeNull(); // 30 s old, scraped every 15 s: the next round has its samples
    expect(await short({ "10m": 37 })).toBeNull(); // scraped every 15 s until its pods went away 1m ago
  });
});
