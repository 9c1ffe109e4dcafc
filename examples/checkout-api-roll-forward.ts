/**
 * Roll forward is a first-class answer: isolate, ship the hotfix to the release pool with no
 * traffic on it, warm it up, and canary it back in.
 *
 *   firebreak run examples/checkout-api-roll-forward.ts --scenario schema-from-the-future --input image=registry.example.com/checkout-api:2.0.1
 */
import { plan, z } from "firebreak";
import { IMAGE, rollForward, route } from "./checkout-api.ts";

export default plan(
  {
    name: "checkout-api-roll-forward",
    description: "Roll checkout-api forward to a hotfix image behind an isolated stable pool.",
    inputs: z.object({
      image: z.string().regex(IMAGE, "must be an image reference like registry.example.com/checkout-api:2.0.1").default("registry.example.com/checkout-api:2.0.1"),
    }),
  },
  async (run, { image }) => {
    await run.safeState(route, { stable: 100, release: 0 }, "all checkout traffic on the stable pool");
    await run.step("isolate: 100% to stable", () => route.shift({ stable: 100, release: 0 }));
    await rollForward(run, image);
  },
);
