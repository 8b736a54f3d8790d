/** One series of a `query_range` matrix: its labels and its [unix seconds, value] samples. */
export interface PrometheusSeries {
  labels: Record<string, string>;
  samples: Array<[number, string]>;
}

/** A successful `query_range` answer. */
export interface QueryRangeResult {
  series: PrometheusSeries[];
  /** What Prometheus warned about, e.g. a query that matched too much to be complete. */
  warnings: string[];
}

const SNIPPET_LENGTH = 200;

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET_LENGTH
    ? `${flat.slice(0, SNIPPET_LENGTH)}…`
    : flat;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}

/**
 * The series of a Prometheus `query_range` response for `metric`, from its
 * HTTP status and body. Throws on an error status or body, a body that is
 * not JSON, or a result that is not a matrix, naming the metric and what
 * came back.
 */
export function parseQueryRangeResponse(
  metric: string,
  httpStatus: number,
  bodyText: string,
): QueryRangeResult {
  const failed = `Prometheus query for metric "${metric}" failed`;
  const ok = httpStatus >= 200 && httpStatus < 300;
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    throw new Error(
      ok
        ? `${failed}: the response is not JSON (HTTP ${httpStatus}): ${JSON.stringify(
            snippet(bodyText),
          )}`
        : `${failed}: HTTP ${httpStatus} with a body that is not JSON: ${JSON.stringify(
            snippet(bodyText),
          )}`,
    );
  }
  if (isObject(body) && body.status === 'error') {
    throw new Error(
      `${failed}: ${String(body.errorType ?? 'unknown error type')}: ${String(
        body.error ?? 'no message',
      )} (HTTP ${httpStatus})`,
    );
  }
  if (!ok) {
    throw new Error(`${failed}: HTTP ${httpStatus}: ${snippet(bodyText)}`);
  }
  if (!isObject(body) || body.status !== 'success') {
    throw new Error(
      `${failed}: the response is not a Prometheus API answer (no "status": "success"): ${snippet(
        bodyText,
      )}`,
    );
  }
  const data = body.data;
  const resultType = isObject(data) ? data.resultType : undefined;
  if (resultType !== 'matrix') {
    throw new Error(
      `${failed}: expected a matrix from query_range, got resultType ${JSON.stringify(
        resultType ?? null,
      )}`,
    );
  }
  const result = (data as Record<string, unknown>).result;
  if (!Array.isArray(result)) {
    throw new Error(
      `${failed}: the matrix's result is ${describeType(result)}, not an array`,
    );
  }
  return {
    series: result.map((entry, i) => readSeries(failed, entry, i)),
    warnings: Array.isArray(body.warnings) ? body.warnings.map(String) : [],
  };
}

function readSeries(
  failed: string,
  entry: unknown,
  index: number,
): PrometheusSeries {
  const where = `${failed}: series ${index} of the matrix`;
  if (!isObject(entry) || !isObject(entry.metric)) {
    throw new Error(`${where} has no labels object ("metric")`);
  }
  const values = entry.values ?? [];
  if (!Array.isArray(values)) {
    throw new Error(
      `${where} has "values" that are ${describeType(values)}, not an array`,
    );
  }
  const samples = values.map((sample: unknown): [number, string] => {
    if (
      !Array.isArray(sample) ||
      sample.length !== 2 ||
      typeof sample[0] !== 'number' ||
      typeof sample[1] !== 'string'
    ) {
      throw new Error(
        `${where} has a sample that is not [time, "value"]: ${snippet(
          JSON.stringify(sample) ?? String(sample),
        )}`,
      );
    }
    return [sample[0], sample[1]];
  });
  const labels: Record<string, string> = {};
  for (const [name, value] of Object.entries(entry.metric)) {
    labels[name] = String(value);
  }
  return { labels, samples };
}
