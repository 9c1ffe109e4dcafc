/**
 * Node prints a DeprecationWarning when code outside node_modules loads `punycode` or calls
 * `url.parse()`. In the bundle, @kubernetes/client-node's dependencies (tr46, whatwg-url) are
 * outside node_modules, so a responder would see two deprecation warnings in the incident log
 * that are neither theirs nor ours to act on. Other warnings are still printed.
 *
 * @example
 * quietDependencyDeprecations();
 * await run();
 */
export function quietDependencyDeprecations(): void {
  process.removeAllListeners("warning").on("warning", (warning) => {
    if (warning.name !== "DeprecationWarning") process.stderr.write(`${warning.name}: ${warning.message}\n`);
  });
}
