import type { ServerResponse } from "node:http";
import { type ApiRequest, present, type ServerContext } from "./context.ts";
import { groupVersion } from "./resources.ts";
import { matching } from "./read.ts";
import { parseFieldSelector, parseLabelSelector } from "./selectors.ts";
import { badRequest, failure } from "./status.ts";

/**
 * Watches (`?watch=true`): a chunked stream of `{"type":…,"object":…}` lines from the store's change
 * feed, what informers, `kubectl rollout status` and `kubectl get -w` use. The store keeps no
 * history, so a watch starts at "now": a resourceVersion older than the current one is not
 * replayed (a real server would replay it, or answer 410 Gone).
 */

/** Open watches at once; each holds a socket. */
export const MAX_WATCHES = 256;
/** A watch without timeoutSeconds ends after this long, as the real server's min-request-timeout randomizes around it. */
const DEFAULT_WATCH_SECONDS = 1800;

/** The open watches of a server. */
export interface Watches {
  open(ctx: ServerContext, req: ApiRequest, res: ServerResponse): void;
  /** Ends every open watch. */
  closeAll(): void;
}

/** Tracks open watches, bounded by MAX_WATCHES, so close() can end them. */
export function createWatches(): Watches {
  const open = new Set<() => void>();
  return {
    open(ctx, req, res) {
      if (open.size >= MAX_WATCHES) throw failure(429, "TooManyRequests", "Too many requests, please try again later.", { retryAfterSeconds: 1 });
      const { route, query } = req;
      const byLabel = parseLabelSelector(query.get("labelSelector"));
      const byField = parseFieldSelector(query.get("fieldSelector"), route.type);
      const timeoutParam = query.get("timeoutSeconds");
      const seconds = timeoutParam === null ? DEFAULT_WATCH_SECONDS : Number(timeoutParam);
      if (!Number.isFinite(seconds) || seconds < 0) throw badRequest(`timeoutSeconds: Invalid value: ${timeoutParam}`);
      const apiVersions = new Set(route.type.versions.map((v) => groupVersion(route.group, v)));
      const rv = query.get("resourceVersion");
      const initial = !rv || rv === "0" ? matching(ctx, req) : [];

      res.writeHead(200, { "Content-Type": "application/json", "Transfer-Encoding": "chunked", "Cache-Control": "no-cache, private" });
      // clients wait for the headers before they consider the watch established
      res.flushHeaders();
      const send = (type: string, object: unknown) => res.write(`${JSON.stringify({ type, object })}\n`);
      for (const o of initial) send("ADDED", o);
      const stop = ctx.objects.store.onChange(({ type, object }) => {
        if (!apiVersions.has(object.apiVersion) || object.kind !== route.type.kind) return;
        if (route.namespace !== undefined && object.metadata.namespace !== route.namespace) return;
        if (!byLabel(object) || !byField(object)) return;
        send(type, present(ctx.objects.decode(route.type, object), route.apiVersion));
      });
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        stop();
        clearTimeout(timer);
        open.delete(end);
        res.end();
      };
      const timer = setTimeout(end, seconds * 1000);
      open.add(end);
      res.on("close", end);
    },
    closeAll() {
      for (const end of [...open]) end();
    },
  };
}
