import { InputError, NotFoundError } from '@backstage/errors';
import type { Explanation } from '@backstage-finops/plugin-finops-common';
import { canonicalTagsJson, factsOf, type StoredCostKey } from '../../core';
import type { FinopsRouter, RouteContext } from './context';
import { readTags } from './params';

/** GET /explain: which entity a resource's or a tag set's cost goes to, and by which rule. */
export function addExplainRoutes(router: FinopsRouter, context: RouteContext) {
  const { stores, attribution } = context;

  router.get('/explain', async (req, res) => {
    const { resourceId, tags, billingAccountId, subAccountId } = req.query ?? {};
    if (resourceId) {
      const keys = await stores.attribution.costKeysForResource(resourceId);
      if (keys.length === 0) {
        throw new NotFoundError(`No imported cost has resource id ${resourceId}`);
      }
      res.json({ items: keys.map(storedExplanation) });
      return;
    }
    if (tags === undefined) {
      throw new InputError('Give resourceId, or tags as a JSON object (optionally with billingAccountId / subAccountId)');
    }
    const facts = {
      tags: readTags(tags),
      billingAccountId: billingAccountId ?? '',
      subAccountId: subAccountId ?? '',
    };
    await attribution.ensureLoaded();
    const result = attribution.attribute(facts);
    const explanation: Explanation = {
      allocated: result.entityRef !== null,
      entityRef: result.entityRef,
      rule: result.rule,
      detail: result.detail,
      tags: JSON.parse(canonicalTagsJson(facts.tags)),
      billingAccountId: facts.billingAccountId,
      subAccountId: facts.subAccountId,
    };
    res.json({ items: [explanation] });
  });
}

function storedExplanation(key: StoredCostKey): Explanation {
  const facts = factsOf(key);
  return {
    allocated: key.entityRef !== null,
    entityRef: key.entityRef,
    rule: key.rule,
    detail: key.detail,
    tags: facts.tags,
    billingAccountId: key.billingAccountId,
    subAccountId: key.subAccountId,
  };
}
