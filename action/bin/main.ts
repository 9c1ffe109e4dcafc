/** Entry point of `dist/main.js` (runs.main): local-action imports `../main.ts` and calls `run` itself. */
import { run } from "../main.ts";

await run();
