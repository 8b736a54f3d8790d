export interface Config {
  finops?: {
    attribution?: {
      /**
       * Tag keys whose value names the entity a resource belongs to. The Cost
       * tab suggests them when an entity has no cost yet.
       * @visibility frontend
       */
      entityTagKeys?: string[];
      /**
       * Tag keys whose value names the Group that owns a resource. The Cost
       * tab suggests them for Groups that have no cost yet.
       * @visibility frontend
       */
      ownerTagKeys?: string[];
    };
  };
}
