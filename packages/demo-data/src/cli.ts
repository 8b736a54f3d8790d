/* Writes demo FOCUS files: see README.md. */
import { writeDemoFocusFiles } from './generateFocus';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main() {
  const outDir = option('out');
  if (!outDir) {
    throw new Error('usage: cli.ts --out DIR [--end YYYY-MM-DD] [--months N] [--scale N] [--seed N] [--gzip]');
  }
  const started = Date.now();
  const result = await writeDemoFocusFiles({
    outDir,
    endDate: option('end') ?? new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
    months: Number(option('months') ?? 13),
    scale: Number(option('scale') ?? 1),
    seed: Number(option('seed') ?? 1),
    gzip: process.argv.includes('--gzip'),
  });
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(
    `${JSON.stringify({ ...result, seconds, rowsPerSecond: Math.round(result.rows / seconds) }, null, 2)}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
