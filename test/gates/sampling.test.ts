import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indicatorsFor } from "../../sdk/gates/indicators/index.ts";
import { sampleSpacingMs, windowTooShort } from "../../sdk/gates/sampling.ts";
import { createPrometheus } from "../../sdk/metrics/prometheus.ts";
import { istioVersion } from "./history.ts";
import { prometheusesHolding } from "./prometheus-backends.ts";

const MIN = 60_000;
const T0 = Math.floor(Date.now() / MIN) * MIN - 120 * MIN;
const istio = indicatorsFor("istio");
const scope = { namespace: "prod", service: "orders", version: "release" };
const series = istioVersion("prod", "orders", "release", { rate: [[T0, 10]], errorShare: 0.01 });

/** A series scraped every `everyMs` from `fromMs` to `toMs`, on a real Prometheus and on the simulator's. */
const holding = (everyMs: number, fromMs: number, toMs: number) => prometheusesHolding(series, fromMs, toMs, everyMs).map((b) => ({ ...b, everyMs }));

function serving(backend: { start(): Promise<{ url: string; stop(): Promise<void> }> }) {
  let prom: { url: string; stop(): Promise<void> };
  beforeAll(async () => {
    prom = await backend.start();
  });
  afterAll(() => prom?.stop());
  return {
    spacing: (at: number) => sampleSpacingMs(createPrometheus({ url: prom.url }), (r) => istio.requestSamples(scope, r), at),
    short: (window: string, at: number) => windowTooShort(createPrometheus({ url: prom.url }), istio, scope, window, at),
  };
}

// off the sample grid by 7.3 s: a real Prometheus 2.x range includes a sample on its left edge, the simulator's does not
const AT = T0 + 60 * MIN + 7_300;

describe.each([...holding(15_000, T0, T0 + 119 * MIN), ...holding(20_000, T0, T0 + 119 * MIN), ...holding(60_000, T0, T0 + 119 * MIN)])(
  "the scrape interval of a series sampled every $everyMs ms, on $name",
  (backend) => {
    const { spacing } = serving(backend);
    it("is read as it is, however old the series", async () => {
      expect(await spacing(AT)).toBe(backend.everyMs);
      expect(await spacing(T0 + 3 * backend.everyMs + 500)).toBe(backend.everyMs); // four samples old
    });
  },
);

describe.each(holding(15_000, T0 + 55 * MIN + 437, T0 + 119 * MIN))("a 15 s series younger than ten minutes, on $name", (backend) => {
  const { spacing, short } = serving(backend);
  const born = T0 + 55 * MIN + 437; // scraped off the whole second, as real scrapes are

  it("reads 15 s, not the 20 s four samples a minute would also allow", async () => {
    for (const age of [45_000, 90_000, 5 * MIN, 9 * MIN]) expect(await spacing(born + age + 7_300)).toBe(15_000);
  });

  it("knows nothing of a single sample, and keeps the interval of a series that stopped (its pods gone)", async () => {
    expect(await spacing(born + 5_000)).toBeNull();
    expect(await spacing(T0 + 119 * MIN + 2 * MIN)).toBe(15_000);
  });

  it("calls a window under two intervals too short, and suggests one of four", async () => {
    const at = T0 + 60 * MIN + 7_300;
    expect(await short("30s", at)).toBeNull();
    expect(await short("15s", at)).toBe(
      '15s is shorter than two scrape intervals of its series (a sample every 15s): increase() needs two samples in its window and finds at most one; give the gate a window of four scrape intervals or more (window: "1m")',
    );
  });
});

describe.each(holding(60_000, T0, T0 + 119 * MIN))("a window shorter than two 1m scrapes, on $name", (backend) => {
  const { short } = serving(backend);
  it("is named too short, with the window that would hold enough samples", async () => {
    expect(await short("1m", AT)).toBe(
      '1m is shorter than two scrape intervals of its series (a sample every 1m): increase() needs two samples in its window and finds at most one; give the gate a window of four scrape intervals or more (window: "4m")',
    );
    expect(await short("4m", AT)).toBeNull();
  });
});
