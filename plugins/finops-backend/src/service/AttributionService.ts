import { stringifyEntityRef } from '@backstage/catalog-model';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { attributeCostKey, AttributionSettings } from '../attribution/attributeCostKey';
import { type AttributedCostKey, suggestOwners, type UnallocatedSpend, type WithSuggestions } from '../ownership/suggestOwners';
import { CatalogIndex, EntitySummary } from '../attribution/CatalogIndex';
import { rollupEntityRefs } from '../analytics/rollup';
import { childGroupBuckets, teamBuckets } from '../analytics/teams';
import type { AttributionStore } from '../database/AttributionStore';
import { Attribution, CostKeyFacts, factsOf } from '../core';

/** Kinds that can own or receive cost, or roll cost up. */
const KINDS = ['Component', 'Resource', 'System', 'Domain', 'Group', 'API'];

/**
 * This instance's snapshot of the catalog (what attribution and rollups
 * read), and the re-attribution of every stored cost key from it.
 *
 * Loading the snapshot only reads the catalog; every instance does it for
 * itself, on a local schedule and whenever its snapshot is older than
 * `maxIndexAgeMs`. Writing attributions is `reattribute`, which the plugin
 * runs once across instances.
 */
export class AttributionService {
  private index = new CatalogIndex([]);
  /** When the snapshot in use was read, in ms; undefined before the first. */
  private loadedAt: number | undefined;
  private loading: Promise<CatalogIndex> | undefined;
  private readonly now: () => number;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      store: AttributionStore;
      settings: AttributionSettings;
      logger: LoggerService;
      /** Oldest snapshot reads may use before it is read again; default 10 minutes. */
      maxIndexAgeMs?: number;
      now?: () => number;
    },
  ) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Reads the catalog into this instance's snapshot; writes nothing. Calls
   * made while a read is under way share it.
   */
  async reloadIndex(): Promise<CatalogIndex> {
    this.loading ??= this.readCatalog().then(
      index => {
        this.index = index;
        this.loadedAt = this.now();
        this.loading = undefined;
        return index;
      },
      error => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  /**
   * Makes sure reads see a snapshot no older than `maxIndexAgeMs`, reading
   * the catalog when there is none or it is too old. Never writes. When a
   * snapshot exists but reading again fails, the old one is used and the
   * failure is logged.
   */
  async ensureLoaded(): Promise<void> {
    const maxAge = this.options.maxIndexAgeMs ?? 10 * 60_000;
    if (this.loadedAt !== undefined && this.now() - this.loadedAt <= maxAge) {
      return;
    }
    if (this.loadedAt === undefined) {
      await this.reloadIndex();
      return;
    }
    await this.reloadIndex().catch(error =>
      this.options.logger.warn(`Catalog snapshot could not be read again, using the one from ${new Date(this.loadedAt!).toISOString()}: ${error}`),
    );
  }

  /**
   * Reads the catalog and re-attributes every stored cost key from it; returns
   * how many changed. This writes: run it once across instances.
   */
  async reattribute(): Promise<number> {
    const index = await this.reloadIndex();
    const keys = await this.options.store.listCostKeys();
    const changed = await this.options.store.updateAttributions(
      keys.map(key => ({ id: key.id, ...attributeCostKey(factsOf(key), index, this.options.settings) })),
    );
    this.options.logger.info(
      `Attribution refreshed from ${index.byRef.size} catalog entities: ${keys.length} cost keys, ${changed} changed`,
    );
    return changed;
  }

  attribute(facts: CostKeyFacts): Attribution {
    return attributeCostKey(facts, this.index, this.options.settings);
  }

  rollup(entityRef: string): string[] {
    return rollupEntityRefs(entityRef, this.index);
  }

  /** Which direct child group (or the group itself) each entity of a group's rollup counts under. */
  childGroupBuckets(groupRef: string): (entityRef: string) => string {
    return childGroupBuckets(groupRef, this.index);
  }

  /** Which team of the organisation each entity's cost counts under. */
  teamBuckets(): (entityRef: string | null) => string {
    return teamBuckets(this.index);
  }

  /** The unit metrics the entity declares; undefined when the snapshot has no such entity. */
  declaredMetrics(entityRef: string): string[] | undefined {
    return this.index.byRef.has(entityRef) ? (this.index.unitMetrics.get(entityRef) ?? []) : undefined;
  }

  /** An annotation of the entity as the catalog snapshot has it. */
  annotationOf(entityRef: string, annotation: string): string | undefined {
    return this.index.byRef.get(entityRef)?.annotations[annotation];
  }

  /** Suggested owners of unallocated spend, from this snapshot and the spend attribution did assign. */
  suggestOwners<T extends UnallocatedSpend>(items: T[], attributed: AttributedCostKey[], limit?: number): Array<WithSuggestions<T>> {
    return suggestOwners(this.index, items, attributed, { ...this.options.settings, limit });
  }

  /** The entities of the snapshot that have this annotation. */
  annotatedEntities(annotation: string): string[] {
    return [...this.index.byRef.values()].filter(entity => entity.annotations[annotation] !== undefined).map(entity => entity.ref);
  }

  /** Every entity of the snapshot. */
  entityRefs(): string[] {
    return [...this.index.byRef.keys()];
  }

  /**
   * Who hears about an entity's cost: the group (or user) it is owned by; a
   * group itself, as the team it is. Undefined for an entity without an owner.
   */
  ownerOf(entityRef: string): string | undefined {
    if (this.kindOf(entityRef) === 'group') {
      return entityRef;
    }
    return this.index.targetsOf('ownedBy', entityRef)[0];
  }

  /** Every entity that declares unit metrics, with what it declares. */
  metricDeclarations(): Array<{ entityRef: string; metrics: string[] }> {
    return [...this.index.unitMetrics].map(([entityRef, metrics]) => ({ entityRef, metrics }));
  }

  /** The entity's kind as the catalog snapshot has it, lower-case; undefined when it is not there. */
  kindOf(entityRef: string): string | undefined {
    return this.index.byRef.get(entityRef)?.kind.toLowerCase();
  }

  private async readCatalog(): Promise<CatalogIndex> {
    const entities: EntitySummary[] = [];
    const credentials = await this.options.auth.getOwnServiceCredentials();
    for await (const page of this.options.catalog.streamEntities(
      {
        filter: { kind: KINDS },
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.annotations', 'relations'],
      },
      { credentials },
    )) {
      for (const entity of page) {
        entities.push({
          ref: stringifyEntityRef(entity),
          kind: entity.kind,
          namespace: entity.metadata.namespace ?? 'default',
          name: entity.metadata.name,
          annotations: entity.metadata.annotations ?? {},
          relations: (entity.relations ?? []).map(r => ({ type: r.type, targetRef: r.targetRef })),
        });
      }
    }
    const index = new CatalogIndex(entities);
    for (const problem of index.problems) {
      this.options.logger.warn(
        `Ignoring annotation ${problem.annotation} of ${problem.entityRef}: ${problem.reason}`,
      );
    }
    return index;
  }
}
