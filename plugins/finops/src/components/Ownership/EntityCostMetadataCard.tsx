import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { CostMetadataStatus } from './CostMetadataStatus';

/** {@link CostMetadataStatus} of the entity whose page this is: for its overview. */
export function EntityCostMetadataCard() {
  const { entity } = useEntity();
  return <CostMetadataStatus entityRef={stringifyEntityRef(entity)} />;
}
