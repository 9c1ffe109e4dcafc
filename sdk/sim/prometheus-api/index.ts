/**
 * The simulator's Prometheus HTTP API face. See `startPrometheusApi`.
 */
export {
  DEFAULT_QUERY_TIMEOUT_MS,
  MAX_POINTS_PER_SERIES,
  startPrometheusApi,
  type PrometheusApi,
  type PrometheusApiOptions,
} from "./server.ts";
export { formatFloatF, formatSampleValue, parseDurationParam, parseTimeParam } from "./format.ts";
