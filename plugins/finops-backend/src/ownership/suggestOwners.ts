/**
 * Suggested owners for unallocated spend (issue 17): for each cost key no
 * attribution rule assigned, the catalog entities it most likely belongs to,
 * each with the evidence that points there and a confidence.
 *
 * **Evidence**, each with a strength in [0, 1]:
 * - `tagValue`: a tag value nearly names an entity — the same name in other
 *   case, other separators (`-_./: `) or camelCase, or under a tag key
 *   attribution does not read (strength 1); with known prefixes, suffixes,
 *   environment words or version numbers around it (`svc-`, `-service`,
 *   `-prod`, `-v2`: 0.95, or 0.85 when both only share a core); or a typo
 *   within the edits {@link allowedEdits} allows (1 − 1.5 × edits / length),
 *   unless the value is made only of words catalog names use (then it is
 *   another name: `order-worker` is not a typo of `orders-worker`).
 *   Owner tag keys (`team`, `owner`, …) name Groups, entity tag keys
 *   (`service`, `app`, …) name the configured entity kinds, and other keys
 *   may name either at 0.8 × the strength. Only whole names match: `api`
 *   never matches `checkout-api`.
 * - `accountAnnotation`: the sub-account (else the billing account) is in
 *   `finops.backstage.io/cloud-accounts` of one entity (1), or of several
 *   with one owner (1, for the owner), or of several owners (0.5 each).
 * - `accountSpend`: of the spend already attributed in the same account, at
 *   least 80 % goes to one entity, or else to entities of one owner: the share ×
 *   a support factor for the number of cost keys behind it (1 key 0.5,
 *   2 keys 0.8, 3 or more 1).
 * - `resourceName`: a top resource's id (or a `Name` tag) contains an
 *   entity's name as whole words (`…:function:checkout-api-handler`); names
 *   of one short or generic word are not looked for, and a longer name found
 *   at the same place wins over the shorter one inside it. 0.6 + 0.4 × the
 *   share of the top resources' cost whose ids contain it.
 * - `siblingTags`: another tag of the item (`project=atlas`) is carried by
 *   attributed cost keys of which at least 80 % of the spend goes to one
 *   entity, or else to one owner: the share × the same support factor.
 * - `ownerAgrees`: the suggested entity's owner is itself suggested by other
 *   evidence; its strength is the owner's combined score.
 *
 * **Confidence.** Evidence of one kind is correlated (two sibling tags that
 * always travel together say the same thing), so within a kind only the
 * strongest counts; kinds combine as a noisy-OR with per-kind weights
 * {@link EVIDENCE_WEIGHTS}: `raw = 1 − Π (1 − weight × strength)`. The
 * weights are fitted on the labelled set (`ownershipLabelledSet.ts`, see
 * `bench/ownership.ts`, which prints each kind's observed precision beside
 * its weight). Competing candidates lower each other:
 * `confidence = raw × min over competitors of raw / (raw + their raw)`, so
 * two equally close names get half each; entities of one owner are compared
 * by their own evidence only (without `ownerAgrees`, which supports both
 * alike), and an entity and its own owner do not compete. Suggestions are
 * ordered by confidence, then raw score, then entity ref, so the same
 * inputs always give the same list — except that an entity with a
 * confidence of at least {@link SPECIFIC_FIRST} comes before its owner: the
 * owner's confidence is that the spend is the team's at all, the entity's
 * says where in the team.
 *
 * @packageDocumentation
 */
import { type Money, normalizeTagKey, normalizeTagValue } from '@backstage-finops/plugin-finops-common';
import type { CatalogIndex, EntitySummary } from '../attribution/CatalogIndex';
import {
  allowedEdits,
  canonicalName,
  compactName,
  describeSpelling,
  editDistance,
  findWords,
  nameCore,
  resourceWords,
} from './names';

/** An unallocated cost key with its spend, as `largestUnallocated` lists it, amounts exact. */
export interface UnallocatedSpend {
  tags: Record<string, string>;
  billingAccountId: string;
  subAccountId: string;
  amount: Money;
  topResources: Array<{ resourceId: string; amount: Money }>;
}

/** A cost key attribution assigned, with its spend: what sibling and account evidence read. */
export interface AttributedCostKey {
  tags: Record<string, string>;
  billingAccountId: string;
  subAccountId: string;
  entityRef: string;
  amount: Money;
}

export type EvidenceKind = 'tagValue' | 'accountAnnotation' | 'accountSpend' | 'resourceName' | 'siblingTags' | 'ownerAgrees';

export interface OwnerEvidence {
  kind: EvidenceKind;
  /** A sentence a person reads: what was seen and what it means. */
  detail: string;
}

export interface OwnerSuggestion {
  entityRef: string;
  /** 0–1, see the module documentation. */
  confidence: number;
  evidence: OwnerEvidence[];
}

export type WithSuggestions<T> = T & { suggestions: OwnerSuggestion[] };

/** What suggestions read of the catalog. */
export type OwnershipCatalog = Pick<CatalogIndex, 'byRef' | 'entitiesByAccount' | 'targetsOf'>;

export interface SuggestionSettings {
  /** Tag keys whose value names an entity (attribution's `entityTagKeys`). */
  entityTagKeys: string[];
  /** Tag keys whose value names a Group (attribution's `ownerTagKeys`). */
  ownerTagKeys: string[];
  /** Kinds a tag value or resource may name. */
  entityKinds: string[];
  /** Suggestions kept per item; default 5. */
  limit?: number;
  /** Overrides of {@link EVIDENCE_WEIGHTS}, for fitting them. */
  weights?: Partial<Record<EvidenceKind, number>>;
}

/**
 * Per-kind weights of the noisy-OR, fitted on the labelled set (seeds 1–3,
 * `bench/ownership.ts --fit`: the Brier score of the top suggestion, over a
 * 0.05 grid from 0.3 to 0.9). `accountAnnotation` is not exercised there
 * (the default rules attribute annotated accounts) and takes the account
 * spend's weight. `ownerAgrees` is fitted too (up to 1) and lands on 1.
 */
export const EVIDENCE_WEIGHTS: Record<EvidenceKind, number> = {
  tagValue: 0.9,
  accountAnnotation: 0.9,
  accountSpend: 0.9,
  resourceName: 0.3,
  siblingTags: 0.9,
  // At 1 an entity with evidence of its own always ranks above its suggested owner.
  ownerAgrees: 1,
};

/** Confidence at which an entity is listed before its owner even when the owner's confidence is higher. */
export const SPECIFIC_FIRST = 0.5;

/** Share of attributed spend that makes an account or sibling tag point at one entity or owner. */
export const DOMINANT_SHARE = 0.8;

/** Keys that name an entity by convention, besides the configured ones. */
const ENTITY_KEY_ALIASES = ['app', 'application', 'service', 'component', 'microservice', 'workload', 'system', 'service-name', 'app-name'];
/** Keys that name a team by convention, besides the configured ones. */
const OWNER_KEY_ALIASES = ['team', 'owner', 'squad', 'group', 'owning-team', 'team-name', 'owner-team'];
/** Keys whose value is a resource's name, read like a resource id. */
const NAME_KEYS = ['name', 'resource-name', 'hostname'];
/** Tags under other keys name things less reliably. */
const OTHER_KEY_FACTOR = 0.8;
/** One-word names too common to look for inside resource ids. */
const GENERIC_WORDS = new Set([
  'api', 'app', 'web', 'db', 'data', 'cache', 'worker', 'service', 'frontend', 'backend', 'gateway', 'proxy',
  'queue', 'storage', 'logs', 'metrics', 'admin', 'core', 'main', 'default', 'shared', 'common', 'platform',
  'function', 'lambda', 'bucket', 'cluster', 'instance', 'volume', 'table', 'database', 'server', 'prod', 'dev',
]);

interface Candidate {
  entity: EntitySummary;
  canonical: string;
  compact: string;
  coreCompact: string;
  words: string[];
  /** Looked for inside resource ids. */
  inResources: boolean;
}

interface SpendShare {
  total: Money;
  keys: number;
  byEntity: Map<string, { amount: Money; keys: number }>;
  byOwner: Map<string, { amount: Money; keys: number }>;
}

interface Found {
  ref: string;
  kind: EvidenceKind;
  strength: number;
  detail: string;
}

interface TagMatch {
  candidate: Candidate;
  strength: number;
  detail: string;
}

const support = (keys: number) => {
  if (keys >= 3) {
    return 1;
  }
  return keys === 2 ? 0.8 : 0.5;
};

/** part / total as a number, computed on the exact amounts. */
function shareOf(part: Money, total: Money): number {
  return total > 0n ? Number((part * 1_000_000n) / total) / 1_000_000 : 0;
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

function addShare(shares: Map<string, SpendShare>, key: string, entityRef: string, owner: string | undefined, amount: Money) {
  let share = shares.get(key);
  if (!share) {
    share = { total: 0n, keys: 0, byEntity: new Map(), byOwner: new Map() };
    shares.set(key, share);
  }
  share.total += amount;
  share.keys++;
  const byEntity = share.byEntity.get(entityRef) ?? { amount: 0n, keys: 0 };
  share.byEntity.set(entityRef, { amount: byEntity.amount + amount, keys: byEntity.keys + 1 });
  if (owner) {
    const byOwner = share.byOwner.get(owner) ?? { amount: 0n, keys: 0 };
    share.byOwner.set(owner, { amount: byOwner.amount + amount, keys: byOwner.keys + 1 });
  }
}

/** The entry of a map with the largest amount; ties by ref. */
function largest(map: Map<string, { amount: Money; keys: number }>): [string, { amount: Money; keys: number }] | undefined {
  let best: [string, { amount: Money; keys: number }] | undefined;
  for (const entry of map) {
    if (!best || entry[1].amount > best[1].amount || (entry[1].amount === best[1].amount && entry[0] < best[0])) {
      best = entry;
    }
  }
  return best;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Suggests owners for unallocated spend from a catalog snapshot and the cost
 * keys attribution did assign. Build once per snapshot, then call
 * {@link OwnerSuggester.suggest} per item.
 */
export class OwnerSuggester {
  private readonly candidates: Candidate[] = [];
  private readonly byFirstWord = new Map<string, Candidate[]>();
  private readonly byCompact = new Map<string, Candidate[]>();
  /** Every word of every candidate's name. */
  private readonly vocabulary = new Set<string>();
  private readonly accountShares = new Map<string, SpendShare>();
  private readonly tagShares = new Map<string, SpendShare>();
  private readonly entityKeys: Set<string>;
  private readonly ownerKeys: Set<string>;
  private readonly entityKinds: Set<string>;
  private readonly limit: number;
  private readonly weights: Record<EvidenceKind, number>;

  constructor(
    private readonly catalog: OwnershipCatalog,
    attributed: AttributedCostKey[],
    settings: SuggestionSettings,
  ) {
    this.entityKeys = new Set([...settings.entityTagKeys.map(canonicalName), ...ENTITY_KEY_ALIASES]);
    this.ownerKeys = new Set([...settings.ownerTagKeys.map(canonicalName), ...OWNER_KEY_ALIASES]);
    this.entityKinds = new Set(settings.entityKinds.map(k => k.toLowerCase()));
    this.limit = settings.limit ?? 5;
    this.weights = { ...EVIDENCE_WEIGHTS, ...settings.weights };
    const refs = [...catalog.byRef.keys()].sort();
    for (const ref of refs) {
      const entity = catalog.byRef.get(ref)!;
      const kind = entity.kind.toLowerCase();
      if (!this.entityKinds.has(kind) && kind !== 'group') {
        continue;
      }
      const canonical = canonicalName(entity.name);
      const words = canonical.split('-').filter(w => w !== '');
      const candidate: Candidate = {
        entity,
        canonical,
        compact: compactName(canonical),
        coreCompact: compactName(nameCore(canonical).core),
        words,
        inResources:
          this.entityKinds.has(kind) && (words.length >= 2 || (words.length === 1 && words[0].length >= 5 && !GENERIC_WORDS.has(words[0]))),
      };
      this.candidates.push(candidate);
      words.forEach(word => this.vocabulary.add(word));
      if (candidate.inResources) {
        this.byFirstWord.set(words[0], [...(this.byFirstWord.get(words[0]) ?? []), candidate]);
        if (words.length >= 2) {
          this.byCompact.set(candidate.compact, [...(this.byCompact.get(candidate.compact) ?? []), candidate]);
        }
      }
    }
    for (const key of attributed) {
      const owner = this.ownerOf(key.entityRef);
      if (key.subAccountId) {
        addShare(this.accountShares, `sub\u0000${key.subAccountId}`, key.entityRef, owner, key.amount);
      }
      addShare(this.accountShares, `billing\u0000${key.billingAccountId}`, key.entityRef, owner, key.amount);
      for (const [tagKey, value] of Object.entries(key.tags)) {
        if (value.trim() !== '') {
          addShare(this.tagShares, `${normalizeTagKey(tagKey)}\u0000${normalizeTagValue(value)}`, key.entityRef, owner, key.amount);
        }
      }
    }
  }

  /** The Group that owns an entity (a Group owns itself); undefined when it names none. */
  ownerOf(ref: string): string | undefined {
    if (ref.startsWith('group:')) {
      return ref;
    }
    return this.catalog.targetsOf('ownedBy', ref)[0];
  }

  /** The ranked suggestions for one unallocated item. */
  suggest(item: UnallocatedSpend): OwnerSuggestion[] {
    const found: Found[] = [];
    const tagKeys = Object.keys(item.tags).sort();
    for (const key of tagKeys) {
      this.tagEvidence(key, item.tags[key], found);
    }
    this.accountAnnotationEvidence(item, found);
    this.accountSpendEvidence(item, found);
    this.resourceEvidence(item, tagKeys, found);
    this.siblingEvidence(item, tagKeys, found);
    return this.rank(found);
  }

  private tagEvidence(key: string, value: string, found: Found[]) {
    const keyName = canonicalName(key);
    if (NAME_KEYS.includes(keyName)) {
      return;
    }
    let kinds: (kind: string) => boolean;
    let factor = 1;
    if (this.ownerKeys.has(keyName)) {
      kinds = kind => kind === 'group';
    } else if (this.entityKeys.has(keyName)) {
      kinds = kind => this.entityKinds.has(kind);
    } else {
      kinds = kind => kind === 'group' || this.entityKinds.has(kind);
      factor = OTHER_KEY_FACTOR;
    }
    for (const match of this.matchName(key, value, kinds)) {
      found.push({ ref: match.candidate.entity.ref, kind: 'tagValue', strength: match.strength * factor, detail: match.detail });
    }
  }

  /** The entities a tag value nearly names, at the closest level that finds any. */
  private matchName(key: string, value: string, kinds: (kind: string) => boolean): TagMatch[] {
    const canonical = canonicalName(value);
    const compact = compactName(canonical);
    if (compact.length < 3) {
      return [];
    }
    const { core, removed, steps } = nameCore(canonical);
    const coreCompact = compactName(core);
    const pool = this.candidates.filter(c => kinds(c.entity.kind.toLowerCase()));
    const tag = `tag ${key}=${value}`;
    const exact = pool.filter(c => c.compact === compact);
    if (exact.length > 0) {
      return exact.map(c => ({
        candidate: c,
        strength: 1,
        detail:
          value === c.entity.name
            ? `${tag} names ${c.entity.ref}, but attribution does not read the tag key ${key}`
            : `${tag} is ${c.entity.name} ${describeSpelling(value, c.entity.name)}`,
      }));
    }
    const quoted = (words: string[]) => `'${words.join("', '")}'`;
    const stripped = removed.length > 0 ? quoted(removed) : '';
    // The least stripped form that names an entity: `dev-product-service` is product-service before it is product.
    for (const step of steps) {
      const form = compactName(step.form);
      const affixed = form.length >= 4 ? pool.filter(c => c.compact === form) : [];
      if (affixed.length > 0) {
        return affixed.map(c => ({ candidate: c, strength: 0.95, detail: `${tag} is ${c.entity.name} with ${quoted(step.removed)} around it` }));
      }
    }
    if (coreCompact.length >= 4) {
      const cores = pool.filter(c => c.coreCompact === coreCompact && c.compact !== c.coreCompact);
      if (cores.length > 0) {
        return cores.map(c => ({
          candidate: c,
          strength: 0.85,
          detail: `${tag} and ${c.entity.name} are both ${core} without their prefixes and suffixes`,
        }));
      }
    }
    // Made only of words catalog names use (`order-worker` beside `orders-worker`, `tracing-service` beside
    // `pricing-service`): another name, not a typo of one.
    if (canonical.split('-').every(word => this.vocabulary.has(word))) {
      return [];
    }
    let best: TagMatch[] = [];
    let bestStrength = 0;
    const forms = removed.length > 0 && coreCompact.length >= 4 ? [compact, coreCompact] : [compact];
    for (const c of pool) {
      for (const form of forms) {
        const length = Math.max(form.length, c.compact.length);
        const allowed = allowedEdits(Math.min(form.length, c.compact.length));
        if (allowed === 0) {
          continue;
        }
        const edits = editDistance(form, c.compact, allowed);
        if (edits > allowed) {
          continue;
        }
        const strength = Math.max(0, 1 - (1.5 * edits) / length);
        if (strength > bestStrength + 1e-9) {
          best = [];
          bestStrength = strength;
        }
        if (Math.abs(strength - bestStrength) <= 1e-9 && !best.some(b => b.candidate === c)) {
          const around = form === coreCompact && form !== compact ? ` once ${stripped} ${removed.length === 1 ? 'is' : 'are'} dropped` : '';
          best.push({
            candidate: c,
            strength,
            detail: `${tag} is ${plural(edits, 'edit', 'edits')} from ${c.entity.name}${around} (a typo?)`,
          });
        }
      }
    }
    return best;
  }

  private accountAnnotationEvidence(item: UnallocatedSpend, found: Found[]) {
    for (const [label, account] of [
      ['sub-account', item.subAccountId],
      ['billing account', item.billingAccountId],
    ] as const) {
      const refs = account ? this.catalog.entitiesByAccount.get(account) : undefined;
      if (!refs || refs.length === 0) {
        continue;
      }
      const listed = `${label} ${account} is listed in finops.backstage.io/cloud-accounts of`;
      if (refs.length === 1) {
        found.push({ ref: refs[0], kind: 'accountAnnotation', strength: 1, detail: `${listed} ${refs[0]} alone` });
        return;
      }
      const owners = [...new Set(refs.map(ref => this.ownerOf(ref)))];
      if (owners.length === 1 && owners[0]) {
        found.push({
          ref: owners[0],
          kind: 'accountAnnotation',
          strength: 1,
          detail: `${listed} ${refs.length} entities, all owned by ${owners[0]}: ${refs.join(', ')}`,
        });
        return;
      }
      for (const ref of refs) {
        found.push({ ref, kind: 'accountAnnotation', strength: 0.5, detail: `${listed} ${refs.length} entities of different owners: ${refs.join(', ')}` });
      }
      return;
    }
  }

  private accountSpendEvidence(item: UnallocatedSpend, found: Found[]) {
    const levels: Array<[string, string, string]> = [
      ['sub-account', 'sub', item.subAccountId],
      ['billing account', 'billing', item.billingAccountId],
    ];
    for (const [label, level, account] of levels) {
      const share = account ? this.accountShares.get(`${level}\u0000${account}`) : undefined;
      if (!share) {
        continue;
      }
      this.dominant(share, `of the attributed spend in ${label} ${account}`, 'accountSpend', found);
      return;
    }
  }

  private siblingEvidence(item: UnallocatedSpend, tagKeys: string[], found: Found[]) {
    for (const key of tagKeys) {
      const value = item.tags[key];
      const share = this.tagShares.get(`${normalizeTagKey(key)}\u0000${normalizeTagValue(value)}`);
      if (share) {
        this.dominant(share, `of the attributed spend tagged ${key}=${value}`, 'siblingTags', found);
      }
    }
  }

  /** Evidence for the entity, or else the owner, that has at least {@link DOMINANT_SHARE} of some attributed spend. */
  private dominant(share: SpendShare, what: string, kind: EvidenceKind, found: Found[]) {
    const entity = largest(share.byEntity);
    const keysOf = (n: number) => plural(n, 'cost key', 'cost keys');
    if (entity) {
      const entityShare = shareOf(entity[1].amount, share.total);
      if (entityShare >= DOMINANT_SHARE) {
        found.push({
          ref: entity[0],
          kind,
          strength: entityShare * support(entity[1].keys),
          detail: `${percent(entityShare)} ${what} (${keysOf(share.keys)}) goes to ${entity[0]}`,
        });
      }
    }
    if (entity && shareOf(entity[1].amount, share.total) >= DOMINANT_SHARE) {
      // The owner follows from the entity (ownerAgrees does not apply): no second evidence from the same spend.
      return;
    }
    const owner = largest(share.byOwner);
    if (owner) {
      const ownerShare = shareOf(owner[1].amount, share.total);
      if (ownerShare >= DOMINANT_SHARE) {
        found.push({
          ref: owner[0],
          kind,
          strength: ownerShare * support(owner[1].keys),
          detail: `${percent(ownerShare)} ${what} (${keysOf(share.keys)}) goes to entities owned by ${owner[0]}`,
        });
      }
    }
  }

  private resourceEvidence(item: UnallocatedSpend, tagKeys: string[], found: Found[]) {
    const named: Array<{ label: string; id: string; amount: Money }> = item.topResources.map(r => ({
      label: `resource ${r.resourceId}`,
      id: r.resourceId,
      amount: r.amount,
    }));
    const total = named.reduce((sum, r) => sum + r.amount, 0n);
    const byRef = new Map<string, { candidate: Candidate; amount: Money; labels: string[]; count: number }>();
    const note = (candidate: Candidate, label: string, amount: Money) => {
      const entry = byRef.get(candidate.entity.ref) ?? { candidate, amount: 0n, labels: [], count: 0 };
      entry.amount += amount;
      entry.labels.push(label);
      entry.count++;
      byRef.set(candidate.entity.ref, entry);
    };
    for (const resource of named) {
      for (const candidate of this.namesIn(resource.id)) {
        note(candidate, resource.label, resource.amount);
      }
    }
    for (const key of tagKeys) {
      if (NAME_KEYS.includes(canonicalName(key))) {
        for (const candidate of this.namesIn(item.tags[key])) {
          note(candidate, `tag ${key}=${item.tags[key]}`, item.amount);
        }
      }
    }
    for (const [ref, entry] of [...byRef.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const fromTag = entry.labels.some(label => label.startsWith('tag '));
      const share = fromTag ? 1 : shareOf(entry.amount, total);
      const more = entry.count > 1 ? ` (and ${entry.count - 1} more)` : '';
      const ofCost = fromTag ? '' : `, ${percent(share)} of the top resources' cost`;
      found.push({
        ref,
        kind: 'resourceName',
        strength: 0.6 + 0.4 * Math.min(1, share),
        detail: `${entry.labels[0]}${more} contains the name ${entry.candidate.entity.name}${ofCost}`,
      });
    }
  }

  /** Entities whose name a resource id contains as whole words, the longest at each place. */
  private namesIn(id: string): Candidate[] {
    const words = resourceWords(id);
    const spans: Array<{ candidate: Candidate; start: number; end: number }> = [];
    words.forEach((word, start) => {
      for (const candidate of this.byFirstWord.get(word) ?? []) {
        if (findWords(words.slice(start, start + candidate.words.length), candidate.words) === 0) {
          spans.push({ candidate, start, end: start + candidate.words.length });
        }
      }
      for (const candidate of this.byCompact.get(word) ?? []) {
        spans.push({ candidate, start, end: start + 1 });
      }
    });
    const kept = spans.filter(
      span => !spans.some(other => other !== span && other.start <= span.start && other.end >= span.end && other.end - other.start > span.end - span.start),
    );
    const seen = new Set<string>();
    return kept
      .map(span => span.candidate)
      .filter(candidate => {
        if (seen.has(candidate.entity.ref)) {
          return false;
        }
        seen.add(candidate.entity.ref);
        return true;
      });
  }

  private rank(found: Found[]): OwnerSuggestion[] {
    const byRef = new Map<string, Found[]>();
    for (const f of found) {
      if (this.catalog.byRef.has(f.ref)) {
        byRef.set(f.ref, [...(byRef.get(f.ref) ?? []), f]);
      }
    }
    const raw = new Map<string, number>();
    for (const [ref, list] of byRef) {
      raw.set(ref, combine(list, this.weights));
    }
    // The owner's own score supports the entities it owns that have evidence of their own.
    for (const [ref, list] of byRef) {
      const owner = this.ownerOf(ref);
      const ownerScore = owner && owner !== ref ? raw.get(owner) : undefined;
      if (owner && ownerScore) {
        const reason = [...byRef.get(owner)!].sort((a, b) => b.strength * this.weights[b.kind] - a.strength * this.weights[a.kind])[0].detail;
        list.push({ ref, kind: 'ownerAgrees', strength: ownerScore, detail: `its owner ${owner} is suggested too: ${reason}` });
      }
    }
    const scored = [...byRef.entries()].map(([ref, list]) => ({
      ref,
      list,
      raw: combine(list, this.weights),
      own: combine(
        list.filter(f => f.kind !== 'ownerAgrees'),
        this.weights,
      ),
      owner: this.ownerOf(ref),
    }));
    const ranked = scored.map(candidate => {
      // The share the candidate keeps against its strongest competitor. Entities of one owner are told apart by
      // their own evidence only (the owner's evidence supports both alike); an entity and its owner do not compete.
      let kept = 1;
      for (const other of scored) {
        if (other.ref === candidate.ref || other.owner === candidate.ref || candidate.owner === other.ref) {
          continue;
        }
        const [mine, theirs] = candidate.owner !== undefined && other.owner === candidate.owner ? [candidate.own, other.own] : [candidate.raw, other.raw];
        if (mine + theirs > 0) {
          kept = Math.min(kept, mine / (mine + theirs));
        }
      }
      return { ...candidate, confidence: Math.round(candidate.raw * kept * 1000) / 1000 };
    });
    ranked.sort((a, b) => b.confidence - a.confidence || b.raw - a.raw || (a.ref < b.ref ? -1 : 1));
    // An entity more likely right than not comes before its owner: the owner's higher confidence is that the
    // spend is the team's at all, the entity says where in the team.
    for (let i = 0; i < ranked.length; i++) {
      const owned = ranked.findIndex((c, j) => j > i && c.owner === ranked[i].ref && c.ref !== ranked[i].ref && c.confidence >= SPECIFIC_FIRST);
      if (ranked[i].ref.startsWith('group:') && owned > i) {
        const [entity] = ranked.splice(owned, 1);
        ranked.splice(i, 0, entity);
      }
    }
    return ranked.slice(0, this.limit).map(candidate => ({
      entityRef: candidate.ref,
      confidence: candidate.confidence,
      evidence: [...candidate.list]
        .sort((a, b) => Number(a.kind === 'ownerAgrees') - Number(b.kind === 'ownerAgrees') || b.strength * this.weights[b.kind] - a.strength * this.weights[a.kind] || (a.detail < b.detail ? -1 : 1))
        .map(({ kind, detail }) => ({ kind, detail })),
    }));
  }
}

/** Noisy-OR over kinds of the strongest evidence of each kind. */
function combine(list: Found[], weights: Record<EvidenceKind, number>): number {
  const strongest = new Map<EvidenceKind, number>();
  for (const f of list) {
    strongest.set(f.kind, Math.max(strongest.get(f.kind) ?? 0, f.strength));
  }
  let none = 1;
  for (const [kind, strength] of strongest) {
    none *= 1 - weights[kind] * Math.min(1, strength);
  }
  return 1 - none;
}

/** Suggestions for each item, in the items' order. */
export function suggestOwners<T extends UnallocatedSpend>(
  catalog: OwnershipCatalog,
  items: T[],
  attributed: AttributedCostKey[],
  settings: SuggestionSettings,
): Array<WithSuggestions<T>> {
  const suggester = new OwnerSuggester(catalog, attributed, settings);
  return items.map(item => ({ ...item, suggestions: suggester.suggest(item) }));
}
