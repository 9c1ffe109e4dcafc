/** Entry point of `dist/post.js` (runs.post): local-action imports `../post.ts` and calls `run` itself. */
import { quietDependencyDeprecations } from "./warnings.ts";
import { run } from "../post.ts";

quietDependencyDeprecations();
await run();
