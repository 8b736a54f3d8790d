/*
 * Writes demo FOCUS files. From the repository root:
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs packages/demo-data/src/cli.ts \
 *     --out DIR [--end YYYY-MM-DD] [--months N] [--scale N] [--seed N] [--gzip]
 *
 * and prints rows, bytes, totals and speed as JSON. See README.md.
 */
import { parseArgs } from 'node:util';
import { writeDemoFocusFiles } from './generateFocus';

const USAGE =
  'usage: cli.ts --out DIR [--end YYYY-MM-DD (exclusive, default tomorrow)] [--months N (13)] [--scale N (1)] [--seed N (1)] [--gzip]';

function integer(
  name: string,
  text: string | undefined,
  fallback: number,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value))
    throw new Error(
      `--${name} must be a whole number, not "${text}"\n${USAGE}`,
    );
  return value;
}

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      end: { type: 'string' },
      months: { type: 'string' },
      scale: { type: 'string' },
      seed: { type: 'string' },
      gzip: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.out) throw new Error(USAGE);
  const started = process.hrtime.bigint();
  const result = await writeDemoFocusFiles({
    outDir: values.out,
    endDate:
      values.end ??
      new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
    months: integer('months', values.months, 13),
    scale: integer('scale', values.scale, 1),
    seed: integer('seed', values.seed, 1),
    gzip: values.gzip,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const summary = {
    files: result.files,
    rows: result.rows,
    bytes: result.bytes,
    csvBytes: result.csvBytes,
    totals: result.totals,
    seconds: Number(seconds.toFixed(3)),
    rowsPerSecond: Math.round(result.rows / seconds),
    megabytesPerSecond: Number((result.csvBytes / 1e6 / seconds).toFixed(1)),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
