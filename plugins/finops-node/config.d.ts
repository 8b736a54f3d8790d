export interface Config {
  finops?: {
    /**
     * The organisation's ownership and cost metadata policy, read by
     * `readMetadataPolicy`: enforced by the catalog module when entities are
     * processed, written into new components by the scaffolder action, and
     * reported by the FinOps backend. Each rule is `error` (the entity fails
     * processing, as an invalid entity does, and the catalog keeps its
     * previous version), `warn` (logged and reported, not blocking) or `off`.
     */
    metadataPolicy?: {
      /** `spec.owner` present and naming an existing Group or User; default warn. */
      owner?: 'error' | 'warn' | 'off';
      /** Every `finops.backstage.io/*` annotation well formed; default error. */
      annotations?: 'error' | 'warn' | 'off';
      /** Which entities must declare how their cost is found (a cost-tags or cloud-accounts annotation). */
      costSource?: {
        /** Default warn. */
        severity?: 'error' | 'warn' | 'off';
        /** Default `[Component]`. */
        kinds?: string[];
        /** Only these `spec.type`s of those kinds; default every type. */
        types?: string[];
      };
      /**
       * Tag keys the organisation's resources must carry, with their allowed
       * values; an entity's cost-tags annotation must use allowed values.
       */
      requiredTags?: Array<{
        key: string;
        values?: string[];
        /** Default warn. */
        severity?: 'error' | 'warn' | 'off';
      }>;
    };
  };
}
