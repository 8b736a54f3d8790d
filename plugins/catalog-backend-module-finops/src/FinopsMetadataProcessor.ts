import type { LoggerService } from '@backstage/backend-plugin-api';
import { type Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { checkEntityMetadata, type MetadataPolicy } from '@backstage-finops/plugin-finops-common';
import { type CatalogProcessor, type CatalogProcessorEmit, type LocationSpec, processingResult } from '@backstage/plugin-catalog-node';

/** Whether an entity ref names an entity in the catalog; undefined when that cannot be told now. */
export type OwnerLookup = (entityRef: string) => Promise<boolean | undefined>;

/**
 * How long an owner found in the catalog is remembered, so a catalog of
 * thousands does not look each one up every pass. An owner not found is
 * looked up again next time: it may be an entity not processed yet.
 */
const OWNER_CACHE_MS = 60_000;

/**
 * Enforces the organisation's ownership and cost metadata policy on every
 * entity the catalog processes: an `error` rule fails the entity's
 * processing with a message that says what to add (the catalog keeps the
 * entity's previous version, as for any invalid entity); a `warn` rule is
 * logged, and reported by the FinOps backend.
 */
export class FinopsMetadataProcessor implements CatalogProcessor {
  private readonly owners = new Map<string, { exists: true; at: number }>();

  constructor(
    private readonly options: {
      policy: MetadataPolicy;
      ownerExists: OwnerLookup;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  getProcessorName(): string {
    return 'FinopsMetadataProcessor';
  }

  async postProcessEntity(entity: Entity, location: LocationSpec, emit: CatalogProcessorEmit): Promise<Entity> {
    const { policy, logger } = this.options;
    const ownerRef = this.ownerRefOf(entity);
    const ownerExists = ownerRef && policy.owner !== 'off' ? await this.lookUpOwner(ownerRef) : undefined;
    const entityRef = stringifyEntityRef(entity);
    for (const issue of checkEntityMetadata(entity, policy, ownerExists)) {
      const message = issue.fix ? `${issue.message}. Add to catalog-info.yaml:\n${issue.fix}` : issue.message;
      if (issue.severity === 'error') {
        emit(processingResult.inputError(location, `FinOps metadata policy: ${message}`));
      } else {
        logger.debug(`FinOps metadata policy (warn) for ${entityRef}: ${message}`);
      }
    }
    return entity;
  }

  private ownerRefOf(entity: Entity): string | undefined {
    const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
    if (typeof owner !== 'string' || owner.trim() === '') {
      return undefined;
    }
    try {
      return stringifyEntityRef(parseEntityRef(owner, { defaultKind: 'Group', defaultNamespace: entity.metadata.namespace ?? 'default' }));
    } catch {
      return undefined; // not a ref: the owner rule says so by its absence in the catalog
    }
  }

  private async lookUpOwner(ownerRef: string): Promise<boolean | undefined> {
    const now = this.options.now?.() ?? Date.now();
    const cached = this.owners.get(ownerRef);
    if (cached && now - cached.at < OWNER_CACHE_MS) {
      return cached.exists;
    }
    const exists = await this.options.ownerExists(ownerRef).catch(() => undefined);
    if (exists) {
      this.owners.set(ownerRef, { exists, at: now });
    }
    return exists;
  }
}
