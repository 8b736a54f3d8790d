/**
 * `previous-generation`: instances of a previous generation, which the
 * same size of the current generation runs for less.
 *
 * **Fires** per resource and currency on usage facts of the last 28 days
 * whose usage text (`x_UsageType`, `SkuMeter`, `SkuPriceDetails`,
 * `ChargeDescription`, `ResourceType`) names a previous-generation type of
 * {@link PREVIOUS_GENERATIONS}: EC2 `t2 m3 m4 c3 c4 r3 r4 i2 d2 x1 p2 g3`
 * (`BoxUsage:m4.large`, `m4.large` in a description or the SKU's
 * `InstanceType`; not `db.`/`cache.` classes or `.search` types), RDS
 * `db.m3 db.m4 db.r4 db.t2`, Azure Dv2/DSv2 (`D2 v2`, `DS2 v2`,
 * `Standard_D2_v2`) and A-series (`A2 v2`, `Standard_A1`) on Microsoft
 * rows, GCP N1 (`n1-standard-4`, `N1 Predefined Instance Core`) on Google
 * rows, and billed within the last 7 days. Silent for current families
 * (m5, m6i, t3, c6g, …) and where the successor is not cheaper at list
 * price (x1, g3, db.r4, db.t2: a move there is for performance only).
 *
 * **Saving** = the facts' cost × (1 − successor price ÷ old price), from
 * the relative list prices of one reference size per family (sizes of a
 * family scale linearly): `cost × (old − new) ÷ old ÷ 28 × 365.25 ÷ 12`,
 * summed over the families a resource ran. Effort medium (a stop, resize
 * and start; Nitro drivers for old AMIs), risk low.
 */
import type {
  FinopsTip,
  FinopsTipRule,
  FinopsUsageFact,
} from '@backstage-finops/plugin-finops-node';
import {
  CURRENT_WINDOW_DAYS,
  atto,
  billedRecently,
  formatMoney,
  formatPercent,
  groupBy,
  lastDays,
  monthly,
  resourcesOf,
  shortName,
  sumCost,
  usageText,
} from './ruleSupport';

/** A previous-generation family, its successor and the reference prices compared. */
export interface GenerationMove {
  /** The old family as matched: `m4`, `db.m4`, `Dv2`, `N1`. */
  family: string;
  /** The current family the same size moves to. */
  successor: string;
  /** The reference size of the old family. */
  oldSize: string;
  /** On-demand hourly list price of the old size (USD, decimal). */
  oldPrice: string;
  /** The successor's equivalent size. */
  newSize: string;
  newPrice: string;
  /** Which list prices: OS or engine and region. */
  prices: string;
}

/** Where the prices of {@link PREVIOUS_GENERATIONS} come from (each move says which OS or engine and region). */
export const PRICE_SOURCE = 'published on-demand list prices as of 2025';

function g(
  family: string,
  successor: string,
  oldSize: string,
  oldPrice: string,
  newSize: string,
  newPrice: string,
): GenerationMove {
  let prices = 'Linux, us-east-1';
  if (family.startsWith('db.')) {
    prices = 'MySQL Single-AZ, us-east-1';
  } else if (family === 'N1') {
    prices = 'Linux, us-central1';
  } else if (/^(Dv2|A)/.test(family)) {
    prices = 'Linux, East US';
  }
  return { family, successor, oldSize, oldPrice, newSize, newPrice, prices };
}

/**
 * Previous-generation families and their successors, with the hourly
 * on-demand list prices of one reference size each (see
 * {@link PRICE_SOURCE}; RDS: MySQL Single-AZ). Only the ratio is used, so
 * the saving holds roughly in other regions and currencies.
 */
export const PREVIOUS_GENERATIONS: readonly GenerationMove[] = [
  g('t2', 't3', 't2.large', '0.0928', 't3.large', '0.0832'),
  g('m3', 'm5', 'm3.large', '0.133', 'm5.large', '0.096'),
  g('m4', 'm5', 'm4.large', '0.10', 'm5.large', '0.096'),
  g('c3', 'c5', 'c3.large', '0.105', 'c5.large', '0.085'),
  g('c4', 'c5', 'c4.large', '0.10', 'c5.large', '0.085'),
  g('r3', 'r5', 'r3.large', '0.166', 'r5.large', '0.126'),
  g('r4', 'r5', 'r4.large', '0.133', 'r5.large', '0.126'),
  g('i2', 'i3', 'i2.xlarge', '0.853', 'i3.xlarge', '0.312'),
  g('d2', 'd3', 'd2.xlarge', '0.69', 'd3.xlarge', '0.499'),
  g('x1', 'x2idn', 'x1.16xlarge', '6.669', 'x2idn.16xlarge', '6.669'),
  g('p2', 'g4dn', 'p2.xlarge', '0.90', 'g4dn.xlarge', '0.526'),
  g('g3', 'g4dn', 'g3.4xlarge', '1.14', 'g4dn.4xlarge', '1.204'),
  g('db.m3', 'db.m5', 'db.m3.large', '0.182', 'db.m5.large', '0.171'),
  g('db.m4', 'db.m5', 'db.m4.large', '0.175', 'db.m5.large', '0.171'),
  g('db.r4', 'db.r5', 'db.r4.large', '0.24', 'db.r5.large', '0.24'),
  g('db.t2', 'db.t3', 'db.t2.medium', '0.068', 'db.t3.medium', '0.068'),
  g('Dv2', 'Dsv5', 'D2 v2', '0.146', 'D2s v5', '0.096'),
  g('Dv2 memory', 'Esv5', 'D11 v2', '0.185', 'E2s v5', '0.126'),
  g('A', 'Dasv5', 'A2 v2', '0.091', 'D2as v5', '0.086'),
  g('N1', 'N2D', 'n1-standard-2', '0.0950', 'n2d-standard-2', '0.0845'),
];

const MOVES = new Map(PREVIOUS_GENERATIONS.map(m => [m.family, m]));

const EC2 =
  /(?<![\w.])(t2|m3|m4|c3|c4|r3|r4|i2|d2|x1|p2|g3)\.(nano|micro|small|medium|\d*x?large|metal)(?![\w.-])/i;
const RDS = /(?<![\w.])db\.(m3|m4|r4|t2)\.[a-z0-9]+/i;
const AZURE_DV2 = /\b(?:Standard_)?DS?(\d+)(?:[ _]?v2)\b/i;
const AZURE_DV2_SERIES = /\bDS?v2\b/i;
const AZURE_A = /\b(?:(?:Standard_)?A\d+m?[ _]?v2|(?:Standard|Basic)_A\d+)\b/i;
const GCP_N1 =
  /\b(?:n1-(?:standard|highmem|highcpu)-\d+|N1 Predefined Instance (?:Core|Ram))\b/i;

/** The previous-generation family and type a fact names, if any. */
export function previousGenerationOf(
  f: FinopsUsageFact,
): { move: GenerationMove; type: string } | undefined {
  const text = usageText(f);
  const rds = RDS.exec(text);
  if (rds) {
    return {
      move: MOVES.get(`db.${rds[1].toLowerCase()}`)!,
      type: rds[0].toLowerCase(),
    };
  }
  const ec2 = EC2.exec(text);
  if (ec2) {
    return { move: MOVES.get(ec2[1].toLowerCase())!, type: ec2[0] };
  }
  if (/microsoft|azure/i.test(f.providerName)) {
    const dv2 = AZURE_DV2.exec(text);
    if (dv2) {
      return {
        move: MOVES.get(Number(dv2[1]) >= 11 ? 'Dv2 memory' : 'Dv2')!,
        type: dv2[0],
      };
    }
    const series = AZURE_DV2_SERIES.exec(text);
    if (series) {
      return { move: MOVES.get('Dv2')!, type: series[0] };
    }
    const a = AZURE_A.exec(text);
    if (a) {
      return { move: MOVES.get('A')!, type: a[0] };
    }
  }
  if (/google|gcp/i.test(f.providerName)) {
    const n1 = GCP_N1.exec(text);
    if (n1) {
      return { move: MOVES.get('N1')!, type: n1[0] };
    }
  }
  return undefined;
}

export const previousGenerationRule: FinopsTipRule = {
  id: 'previous-generation',
  title: 'Previous-generation instances',
  evaluate({ facts, to }) {
    const matched = lastDays(facts, to, CURRENT_WINDOW_DAYS).flatMap(f => {
      const found =
        f.chargeCategory === 'Usage' &&
        f.resourceId !== '' &&
        previousGenerationOf(f);
      return found ? [{ fact: f, ...found }] : [];
    });
    const tips: FinopsTip[] = [];
    for (const ofResource of groupBy(
      matched,
      m => `${m.fact.currency}\u0000${m.fact.resourceId}`,
    ).values()) {
      const resourceFacts = ofResource.map(m => m.fact);
      if (!billedRecently(resourceFacts, to)) {
        continue;
      }
      const { currency, resourceId } = resourceFacts[0];
      let saving = 0n;
      const parts: string[] = [];
      const types = new Set<string>();
      const moves: string[] = [];
      for (const group of groupBy(ofResource, m => m.move.family).values()) {
        const { move } = group[0];
        const oldPrice = atto(move.oldPrice);
        const newPrice = atto(move.newPrice);
        if (newPrice >= oldPrice) {
          continue;
        }
        const cost = sumCost(group.map(m => m.fact));
        const familySaving = monthly(
          cost,
          CURRENT_WINDOW_DAYS,
          oldPrice - newPrice,
          oldPrice,
        );
        if (familySaving <= 0n) {
          continue;
        }
        saving += familySaving;
        for (const m of group) {
          types.add(m.type);
        }
        moves.push(`${move.family} to ${move.successor}`);
        parts.push(
          `${move.family} → ${move.successor}: ${formatPercent(
            oldPrice - newPrice,
            oldPrice,
          )} (${move.oldSize} ${move.oldPrice} vs ${move.newSize} ${
            move.newPrice
          } USD/h, ${PRICE_SOURCE}, ${move.prices}) of ${formatMoney(
            monthly(cost, CURRENT_WINDOW_DAYS),
            currency,
          )}/month (${formatMoney(
            cost,
            currency,
          )} over the last ${CURRENT_WINDOW_DAYS} days) = ${formatMoney(
            familySaving,
            currency,
          )}/month`,
        );
      }
      if (saving <= 0n) {
        continue;
      }
      tips.push({
        title: `Move ${shortName(resourceId)} from ${[...types].join(
          ', ',
        )} to the current generation`,
        description:
          `This runs a previous-generation type. Move it (${moves.join(
            ', ',
          )}, the same size) to pay less per hour for faster hardware; ` +
          'old images may need current (Nitro: ENA and NVMe) drivers first.',
        resources: resourcesOf(resourceFacts),
        estimatedMonthlySavings: saving,
        currency,
        method: `${parts.join('; ')}.`,
        effort: 'medium',
        risk: 'low',
      });
    }
    return tips;
  },
};
