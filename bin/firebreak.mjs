#!/usr/bin/env node
// The installed CLI (npx firebreak): the SDK ships as TypeScript, which tsx loads.
import { register } from "tsx/esm/api";

register();
await import("../sdk/cli/bin.ts");
