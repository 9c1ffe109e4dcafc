/**
 * Whether `actual` is the image reference `expected` with a digest pinned on: what an admission
 * policy that resolves tags to digests writes (Kyverno's verifyImages mutateDigest), the same
 * image as the tag named when it was pinned. A reference that names a digest already must match.
 * @example pinnedImage("registry/web:1.9.4", "registry/web:1.9.4@sha256:ab…") // true
 */
export function pinnedImage(expected: unknown, actual: unknown): boolean {
  if (typeof expected !== "string" || typeof actual !== "string" || expected.includes("@")) return false;
  return actual.startsWith(`${expected}@`) && /^sha256:[0-9a-f]{64}$/.test(actual.slice(expected.length + 1));
}
