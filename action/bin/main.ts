/** Entry point of `dist/main.js` (runs.main): local-action imports `../main.ts` and calls `run` itself. */
import { quietDependencyDeprecations } from "./warnings.ts";
import { run } from "../main.ts";

quietDependencyDeprecations();
await run();
