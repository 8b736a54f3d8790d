import { stringifyEntityRef } from '@backstage/catalog-model';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Attribution,
  attributeCostKey,
  AttributionSettings,
  CostKeyFacts,
  factsOf,
} from '../attribution/attributeCostKey';
import { CatalogIndex, EntitySummary } from '../attribution/CatalogIndex';
import { rollupEntityRefs } from '../analytics/rollup';
import type { FinopsStore } from '../database/FinopsStore';

/** Kinds that can own or receive cost, or roll cost up. */
const KINDS = ['Component', 'Resource', 'System', 'Domain', 'Group', 'API'];

/**
 * Keeps a snapshot of the catalog and the attribution of every stored cost
 * key in step with it.
 */
export class AttributionService {
  private index = new CatalogIndex([]);
  private loaded: Promise<void> | undefined;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      store: FinopsStore;
      settings: AttributionSettings;
      logger: LoggerService;
    },
  ) {}

  /** Reloads the catalog and re-attributes every stored cost key; returns how many changed. */
  async refresh(): Promise<number> {
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
    this.index = index;
    const keys = await this.options.store.listCostKeys();
    const changed = await this.options.store.updateAttributions(
      keys.map(key => ({ id: key.id, ...this.attribute(factsOf(key)) })),
    );
    this.options.logger.info(
      `Attribution refreshed from ${entities.length} catalog entities: ${keys.length} cost keys, ${changed} changed`,
    );
    return changed;
  }

  /** Loads the catalog once if nothing has loaded it yet. */
  async ensureLoaded(): Promise<void> {
    this.loaded ??= this.refresh().then(
      () => undefined,
      error => {
        this.loaded = undefined;
        throw error;
      },
    );
    return this.loaded;
  }

  attribute(facts: CostKeyFacts): Attribution {
    return attributeCostKey(facts, this.index, this.options.settings);
  }

  rollup(entityRef: string): string[] {
    return rollupEntityRefs(entityRef, this.index);
  }
}
