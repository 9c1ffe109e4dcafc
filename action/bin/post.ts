/** Entry point of `dist/post.js` (runs.post): local-action imports `../post.ts` and calls `run` itself. */
import { run } from "../post.ts";

await run();
