/**
 * A deterministic labelled set for owner suggestions: a catalog of teams and
 * their entities, the cost keys attribution assigned (the sibling and account
 * evidence), and unallocated spend items each labelled with its true owner
 * or none.
 *
 * **The catalog** (seed 1, defaults): 15 teams (Groups), each owning a System
 * and 9 Components and Resources named `<domain word>-<role>`
 * (`checkout-api`, `ledger-db`, …) over the team's own domain words, so
 * some names are one edit from another (`order-api`, `orders-api`), and a
 * few one-word names: 165 entities in all.
 *
 * **Accounts.** Each team has one or two sub-accounts where nearly all its
 * keys run; four shared sub-accounts carry every team's keys (15 % of keys).
 *
 * **Attributed keys**, 1 to 4 per entity: `service=<name>` (or
 * `backstage.io/component`), `env`, the team's `project` tag, and for half
 * of the entities a `stack` tag of their own; amounts from 5 to 5 000.
 *
 * **Unallocated items**, each drawn from one case (shares in
 * {@link CASE_SHARES}), labelled with the owner a person would give it:
 * - `case`, `separator`, `affix` (prefix, suffix, environment word,
 *   version), `typo` (one substitution, deletion, insertion or transposition,
 *   which may land nearer another name), `otherKey` (the exact name under a
 *   key attribution does not read): the entity;
 * - `ownerTag`: a near-miss team name under `team` / `owner`: the Group;
 * - `resource`: no naming tag, but the resources are named after the entity;
 * - `siblingStack`: only the entity's `stack` tag; `siblingProject`: only
 *   the team's `project` tag (the Group);
 * - `teamAccount`: untagged, random resource ids, in the team's account
 *   (the Group); `untraceable`: the same in a shared account (a true owner
 *   no evidence points at);
 * - `borrowedName`: another team's job named after the entity whose data it
 *   reads (`export-checkout-api`), in that other team's account: the other
 *   team (misleading resource evidence);
 * - `unowned`: tags naming nothing catalogued — retired services, generic
 *   words (`api`, `worker`), teams that no longer exist, services of a
 *   catalogued domain with a role it does not have (`order-worker` beside a
 *   catalogued `orders-worker`): owner none.
 * Of the owned items 70 % run in their team's account, 25 % in a shared one
 * and 5 % in another team's (misleading account evidence); 5 % of items
 * carry a resource named after an unrelated entity. Items attribution would
 * assign under the default rules are not kept (they would not be
 * unallocated).
 *
 * The same seed gives the same set on every machine (mulberry32).
 *
 * @packageDocumentation
 */
import { moneyFromDecimal, type Money } from '@backstage-finops/plugin-finops-common';
import { CatalogIndex, type EntitySummary } from '../attribution/CatalogIndex';
import { attributeCostKey } from '../attribution/attributeCostKey';
import { ATTRIBUTION_RULES } from '../core';
import { DEFAULT_ENTITY_KINDS, DEFAULT_ENTITY_TAG_KEYS, DEFAULT_OWNER_TAG_KEYS } from '../config';
import { mulberry32 } from '../operate/syntheticSeries';
import type { AttributedCostKey, SuggestionSettings, UnallocatedSpend } from './suggestOwners';

export type LabelledCase =
  | 'case'
  | 'separator'
  | 'affix'
  | 'typo'
  | 'otherKey'
  | 'ownerTag'
  | 'resource'
  | 'siblingStack'
  | 'siblingProject'
  | 'teamAccount'
  | 'untraceable'
  | 'borrowedName'
  | 'unowned';

/** How often each case is drawn. */
export const CASE_SHARES: Record<LabelledCase, number> = {
  case: 0.06,
  separator: 0.08,
  affix: 0.1,
  typo: 0.12,
  otherKey: 0.05,
  ownerTag: 0.06,
  resource: 0.1,
  siblingStack: 0.07,
  siblingProject: 0.07,
  teamAccount: 0.08,
  untraceable: 0.05,
  borrowedName: 0.04,
  unowned: 0.12,
};

export interface LabelledItem extends UnallocatedSpend {
  label: { owner: string | null; case: LabelledCase };
}

export interface OwnershipLabelledSet {
  entities: EntitySummary[];
  attributed: AttributedCostKey[];
  items: LabelledItem[];
  settings: SuggestionSettings;
}

export interface OwnershipLabelledSetOptions {
  seed?: number;
  /** Unallocated items drawn (before dropping any attribution would assign); default 400. */
  items?: number;
}

const TEAMS: Array<{ name: string; words: string[] }> = [
  { name: 'payments', words: ['checkout', 'ledger', 'refund', 'invoice'] },
  { name: 'identity', words: ['login', 'logon', 'token', 'profile'] },
  { name: 'search', words: ['search', 'query', 'ranking', 'suggest'] },
  { name: 'logistics', words: ['shipping', 'tracking', 'warehouse', 'route'] },
  { name: 'catalog-team', words: ['product', 'products', 'pricing', 'inventory'] },
  { name: 'growth', words: ['campaign', 'referral', 'coupon', 'loyalty'] },
  { name: 'messaging', words: ['notify', 'email', 'sms', 'push'] },
  { name: 'data-platform', words: ['ingest', 'lakehouse', 'etl', 'stream'] },
  { name: 'ml-platform', words: ['feature', 'model', 'training', 'scoring'] },
  { name: 'observability', words: ['metrics', 'tracing', 'alerting', 'logging'] },
  { name: 'security', words: ['vault', 'scanner', 'audit', 'policy'] },
  { name: 'mobile', words: ['ios', 'android', 'mobile', 'deeplink'] },
  { name: 'orders', words: ['order', 'orders', 'basket', 'cart'] },
  { name: 'support', words: ['ticket', 'helpdesk', 'chat', 'feedback'] },
  { name: 'partners', words: ['partner', 'affiliate', 'webhook', 'onboarding'] },
];
const ROLES = ['api', 'service', 'worker', 'web', 'gateway', 'consumer', 'scheduler', 'exporter', 'ui', 'sync'];
const RESOURCE_ROLES = ['db', 'cache', 'bucket', 'queue'];
const RETIRED = ['legacy-ftp', 'hackathon-2024', 'poc-chatbot', 'old-cms', 'demo-env', 'tmp-migration', 'jenkins-old', 'sandbox-ml', 'wiki', 'bi-tools'];
const GENERIC = ['api', 'worker', 'web', 'backend', 'frontend', 'shared', 'default', 'infra', 'misc', 'platform'];
const GONE_TEAMS = ['growth-hacking', 'web-guild', 'team-x', 'ventures', 'innovation-lab', 'core-infra'];
const REGIONS = ['eu-west-1', 'us-east-1', 'eu-central-1'];

/** Items of the set with an owner, and without. */
export function generateOwnershipLabelledSet(options: OwnershipLabelledSetOptions = {}): OwnershipLabelledSet {
  const random = mulberry32(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const chance = (p: number) => random() < p;
  const amount = (low: number, high: number): Money => moneyFromDecimal((low + random() * (high - low)).toFixed(4));
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const account = () => String(100000000000 + Math.floor(random() * 899999999999));

  const entities: EntitySummary[] = [];
  const teams = TEAMS.map(team => ({ ...team, ref: `group:default/${team.name}`, accounts: [account()], project: `${team.words[0]}-${pick(['core', 'suite', 'hub'])}` }));
  for (const team of teams) {
    if (chance(0.5)) {
      team.accounts.push(account());
    }
  }
  const shared = [account(), account(), account(), account()];
  const members: Array<{ ref: string; name: string; team: (typeof teams)[number]; stack?: string }> = [];
  const used = new Set<string>();
  for (const team of teams) {
    entities.push({ ref: team.ref, kind: 'Group', namespace: 'default', name: team.name, annotations: {}, relations: [] });
    const system = `${team.words[0]}-platform`;
    const systemRef = `system:default/${system}`;
    entities.push({ ref: systemRef, kind: 'System', namespace: 'default', name: system, annotations: {}, relations: [{ type: 'ownedBy', targetRef: team.ref }] });
    used.add(system);
    let made = 0;
    while (made < 9) {
      const word = pick(team.words);
      const isResource = chance(0.2);
      let name = `${word}-${pick(isResource ? RESOURCE_ROLES : ROLES)}`;
      if (!isResource && chance(0.05)) {
        name = word;
      }
      if (used.has(name)) {
        continue;
      }
      used.add(name);
      const kind = isResource ? 'Resource' : 'Component';
      const ref = `${kind.toLowerCase()}:default/${name}`;
      entities.push({
        ref,
        kind,
        namespace: 'default',
        name,
        annotations: {},
        relations: [
          { type: 'ownedBy', targetRef: team.ref },
          { type: 'partOf', targetRef: systemRef },
        ],
      });
      members.push({ ref, name, team, stack: chance(0.5) ? `${name.split('-')[0]}-${hex(4)}` : undefined });
      made++;
    }
  }

  const attributed: AttributedCostKey[] = [];
  for (const member of members) {
    const keys = 1 + Math.floor(random() * 4);
    for (let k = 0; k < keys; k++) {
      const tags: Record<string, string> = {
        [chance(0.8) ? 'service' : 'backstage.io/component']: member.name,
        env: pick(['prod', 'prod', 'staging', 'dev']),
        project: member.team.project,
      };
      if (member.stack) {
        tags.stack = member.stack;
      }
      const sub = chance(0.85) ? pick(member.team.accounts) : pick(shared);
      attributed.push({ tags, billingAccountId: 'billing-1', subAccountId: sub, entityRef: member.ref, amount: amount(5, 5000) });
    }
  }

  const settings: SuggestionSettings = {
    entityTagKeys: DEFAULT_ENTITY_TAG_KEYS,
    ownerTagKeys: DEFAULT_OWNER_TAG_KEYS,
    entityKinds: DEFAULT_ENTITY_KINDS,
  };
  const index = new CatalogIndex(entities);
  const attribution = { rules: [...ATTRIBUTION_RULES], ...settings };

  const cases = Object.entries(CASE_SHARES) as Array<[LabelledCase, number]>;
  const drawCase = (): LabelledCase => {
    let r = random();
    for (const [name, share] of cases) {
      r -= share;
      if (r < 0) {
        return name;
      }
    }
    return 'unowned';
  };
  const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const pascal = (name: string) => camel(name).replace(/^[a-z]/, c => c.toUpperCase());
  const typo = (name: string) => {
    const at = 1 + Math.floor(random() * (name.length - 2));
    const letter = pick([...'abcdefghijklmnopqrstuvwxyz']);
    switch (pick(['substitute', 'delete', 'insert', 'transpose'])) {
      case 'substitute':
        return name.slice(0, at) + letter + name.slice(at + 1);
      case 'delete':
        return name.slice(0, at) + name.slice(at + 1);
      case 'insert':
        return name.slice(0, at) + letter + name.slice(at);
      default:
        return name.slice(0, at - 1) + name[at] + name[at - 1] + name.slice(at + 1);
    }
  };
  const randomResource = (acct: string) =>
    pick([
      () => `arn:aws:ec2:${pick(REGIONS)}:${acct}:instance/i-0${hex(16)}`,
      () => `arn:aws:ec2:${pick(REGIONS)}:${acct}:volume/vol-0${hex(16)}`,
      () => `arn:aws:elasticloadbalancing:${pick(REGIONS)}:${acct}:loadbalancer/app/k8s-${hex(8)}/${hex(16)}`,
      () => `arn:aws:s3:::${hex(10)}-logs`,
    ])();
  const namedResource = (acct: string, name: string) =>
    pick([
      () => `arn:aws:lambda:${pick(REGIONS)}:${acct}:function:${name}-${pick(['handler', 'prod', 'cron'])}`,
      () => `arn:aws:rds:${pick(REGIONS)}:${acct}:db:${name}-${pick(['prod', 'primary', 'replica-1'])}`,
      () => `arn:aws:s3:::${name.replace(/-/g, pick(['-', '_', '.']))}-artifacts`,
      () => `arn:aws:ecs:${pick(REGIONS)}:${acct}:service/main/${camel(name)}Service`,
    ])();

  const stacked = members.filter(m => m.stack);
  const uncatalogued = teams.flatMap(t => t.words.flatMap(w => ROLES.map(r => `${w}-${r}`))).filter(name => !used.has(name));
  const items: LabelledItem[] = [];
  const count = options.items ?? 400;
  for (let i = 0; i < count; i++) {
    const kind = drawCase();
    const member = kind === 'siblingStack' ? pick(stacked) : pick(members);
    const team = member.team;
    const tags: Record<string, string> = {};
    let owner: string | null = member.ref;
    let sub: string;
    const where = random();
    if (where < 0.7) {
      sub = pick(team.accounts);
    } else if (where < 0.95) {
      sub = pick(shared);
    } else {
      sub = pick(pick(teams.filter(t => t !== team)).accounts);
    }
    let resourceName: string | undefined = chance(0.3) ? member.name : undefined;
    switch (kind) {
      case 'case':
        // Upper or lower case alone is attributed already (tag values compare case-insensitively).
        tags.service = chance(0.5) ? pascal(member.name) : camel(member.name);
        break;
      case 'separator':
        tags[pick(['service', 'application'])] = member.name.replace(/-/g, pick(['_', '.', ' '])) + (member.name.includes('-') ? '' : '_');
        break;
      case 'affix':
        tags.service = pick([
          () => `svc-${member.name}`,
          () => `${member.name}-${pick(['prod', 'staging', 'dev', 'stg'])}`,
          () => `${member.name}-service`,
          () => `${pick(['prod', 'dev'])}-${member.name}`,
          () => `${member.name}-v2`,
          () => `app-${member.name}-prod`,
        ])();
        break;
      case 'typo':
        tags.service = typo(member.name);
        break;
      case 'otherKey':
        tags[pick(['app', 'component', 'workload', 'App'])] = member.name;
        break;
      case 'ownerTag':
        owner = team.ref;
        tags[pick(['team', 'owner'])] = pick([() => pascal(team.name), () => `${team.name}-team`, () => typo(team.name), () => `team_${team.name.replace(/-/g, '_')}`])();
        resourceName = undefined;
        break;
      case 'resource':
        resourceName = member.name;
        break;
      case 'siblingStack':
        tags.stack = member.stack!;
        break;
      case 'siblingProject':
        owner = team.ref;
        tags.project = team.project;
        resourceName = undefined;
        break;
      case 'teamAccount':
        owner = team.ref;
        sub = pick(team.accounts);
        resourceName = undefined;
        break;
      case 'untraceable':
        owner = team.ref;
        sub = pick(shared);
        resourceName = undefined;
        break;
      case 'borrowedName': {
        // Another team's job named after the entity whose data it reads, in its own account.
        const other = pick(teams.filter(t => t !== team));
        owner = other.ref;
        sub = pick(other.accounts);
        resourceName = `${pick(['export', 'backfill', 'etl', 'replay'])}-${member.name}`;
        break;
      }
      default:
        owner = null;
        sub = pick(shared);
        resourceName = undefined;
        tags[pick(['service', 'app', 'team', 'project'])] = pick([
          () => pick(RETIRED),
          () => pick(GENERIC),
          () => pick(GONE_TEAMS),
          () => `${pick(team.words)}-${pick(['reporter', 'migrator', 'backfill', 'loadtest'])}`,
          // A service of a catalogued domain that is not in the catalog, sometimes one edit from one that is.
          () => pick(uncatalogued),
        ])();
    }
    if (chance(0.7)) {
      tags.env = pick(['prod', 'prod', 'staging', 'dev']);
    }
    if (chance(0.2)) {
      tags['cost-center'] = `cc-${1000 + Math.floor(random() * 20)}`;
    }
    const total = amount(50, 20000);
    const resources = 1 + Math.floor(random() * 5);
    const topResources: UnallocatedSpend['topResources'] = [];
    let left = total;
    for (let r = 0; r < resources; r++) {
      const share = r === resources - 1 ? left : (left * BigInt(20 + Math.floor(random() * 50))) / 100n;
      left -= share;
      let id = randomResource(sub);
      if (resourceName && (r === 0 || chance(0.4))) {
        id = namedResource(sub, resourceName);
      } else if (chance(0.05)) {
        id = namedResource(sub, pick(members).name);
      }
      topResources.push({ resourceId: id, amount: share });
    }
    topResources.sort((a, b) => (a.amount > b.amount ? -1 : 1));
    const item: LabelledItem = { tags, billingAccountId: 'billing-1', subAccountId: sub, amount: total, topResources, label: { owner, case: kind } };
    if (attributeCostKey(item, index, attribution).entityRef === null) {
      items.push(item);
    }
  }
  return { entities, attributed, items, settings };
}
