/**
 * Errors of the PromQL evaluator, typed the way the Prometheus HTTP API reports them: a query that
 * does not parse (or uses something the simulator does not implement) is `bad_data`; one that parses
 * but cannot be evaluated (say, many-to-many matching) is `execution`.
 */

export type PromQLErrorType = "bad_data" | "execution";

/**
 * A query the evaluator refuses; `type` is the Prometheus API's `errorType`.
 *
 * @example
 * try {
 *   parsePromQL("sum(");
 * } catch (err) {
 *   if (err instanceof PromQLError) console.log(err.type, err.message); // bad_data 1:5: parse error: ...
 * }
 */
export class PromQLError extends Error {
  override name = "PromQLError";
  constructor(
    readonly type: PromQLErrorType,
    message: string,
  ) {
    super(message);
  }

  /**
   * A parse error at an offset in the query, prefixed `line:column: parse error:` like Prometheus.
   *
   * @example
   * PromQLError.parse("foo +", 5, "unexpected end of input").message;
   * // "1:6: parse error: unexpected end of input"
   */
  static parse(query: string, pos: number, message: string): PromQLError {
    const before = query.slice(0, pos);
    const line = before.split("\n").length;
    const column = pos - (before.lastIndexOf("\n") + 1) + 1;
    return new PromQLError("bad_data", `${line}:${column}: parse error: ${message}`);
  }

  /** A query that parsed but cannot be evaluated. */
  static execution(message: string): PromQLError {
    return new PromQLError("execution", message);
  }
}
