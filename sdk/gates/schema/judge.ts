import { compareVersions, versionKey, withoutExtension, type History } from "./history.ts";

/** What the rollback target was built for: its last migration, or every migration it knows. */
export type Expectation = { maxVersion: string } | { migrations: string[] };

/** Where the database stands against the target. `undecidable` says why no comparison is possible. */
export interface Standing {
  ahead: string[];
  behind: string[];
  undecidable?: string;
}

const key = (h: History, id: string) => versionKey(h.tool, withoutExtension(id));
const after = (h: History, a: string, b: string) => compareVersions(key(h, a), key(h, b)) > 0;

/** Ahead of / behind a single version, by each tool's ordering. */
function againstVersion(h: History, max: string): Standing {
  if (h.ordering === "version") {
    const ahead = h.applied.filter((id) => after(h, id, max));
    // the highest applied, not the last installed: an out-of-order hotfix (Flyway outOfOrder) lands after newer ones
    const latest = h.applied.reduce<string | undefined>((top, id) => (top === undefined || after(h, id, top) ? id : top), undefined) ?? h.baseline;
    const behind = latest === undefined || after(h, max, latest) ? [max] : [];
    return { ahead, behind };
  }
  if (h.ordering === "applied") {
    const id = h.tags?.get(max) ?? max;
    const at = h.applied.lastIndexOf(id);
    if (at < 0) return { ahead: [], behind: [], undecidable: `${max} is neither a changeset id nor a tag in ${h.table}, so there is no telling what came after it` };
    return { ahead: h.applied.slice(at + 1), behind: [] };
  }
  if (h.applied.length === 1 && h.applied[0] === max) return { ahead: [], behind: [] };
  return {
    ahead: [],
    behind: [],
    undecidable: `the database is at ${h.applied.join(", ") || "(no revision)"} and the target at ${max}, and ${h.tool} revisions have no order; list the target's revisions (expect.migrations) to tell ahead from behind`,
  };
}

/** Ahead of / behind the exact list of migrations the target knows. */
function againstList(h: History, list: string[]): Standing {
  const known = new Set(list.map(withoutExtension));
  if (!h.complete) {
    // only the current version is recorded: compare it with the target's last, which tells behind
    // too (a database at 3 is behind a target whose migrations run to 5, though it knows 3)
    if (h.ordering === "version") return againstVersion(h, [...known].sort((a, b) => compareVersions(key(h, a), key(h, b))).at(-1) ?? "");
    return { ahead: h.applied.filter((id) => !known.has(id)), behind: [] };
  }
  const applied = new Set(h.applied);
  const ahead = h.applied.filter((id) => !known.has(id));
  const coveredByBaseline = (id: string) => h.baseline !== undefined && !after(h, id, h.baseline);
  const behind = [...known].filter((id) => !applied.has(id) && !coveredByBaseline(id));
  return { ahead, behind };
}

/**
 * Compares the applied migrations with what the target was built for. Pure.
 * @example standing(history, { maxVersion: "5" }) // { ahead: ["6", "7"], behind: [] }
 */
export function standing(h: History, expect: Expectation): Standing {
  return "maxVersion" in expect ? againstVersion(h, expect.maxVersion) : againstList(h, expect.migrations);
}
