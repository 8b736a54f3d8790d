import type express from 'express';

/** Whether the request asks for CSV: `format=csv`, or an Accept header that prefers it to JSON. */
export function wantsCsv(req: express.Request<any, any, any, any>): boolean {
  if (req.query?.format === 'csv') {
    return true;
  }
  if (req.query?.format === 'json') {
    return false;
  }
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

/** Sends the report as JSON, or as CSV (a download named `fileName`) when the request asks for it. */
export function sendReport<T>(
  req: express.Request<any, any, any, any>,
  res: express.Response,
  report: T,
  csvOf: (report: T) => string,
  fileName: string,
): void {
  if (wantsCsv(req)) {
    res.type('text/csv; charset=utf-8').attachment(fileName).send(csvOf(report));
  } else {
    res.json(report);
  }
}
