import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  finopsOrgReadPermission,
  finopsTipsUpdatePermission,
  formatDecimal,
  todayUtc,
} from '@backstage-finops/plugin-finops-common';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { TipStatus } from '../../database/TipStore';
import type { ListedTip } from '../TipService';
import { largestAmountFirst } from '../../optimize/evaluateTips';
import {
  credentialsOf,
  type FinopsRouter,
  principalName,
  type RouteContext,
} from './context';
import { readEntityRef } from './params';
import { readReadableRollup, requireEntityChange } from './readableRollup';

/** GET /tips and PATCH /tips/{id}: what can be done to spend less, and what users decided about it. */
export function addTipRoutes(router: FinopsRouter, context: RouteContext) {
  const { tips, authorization } = context;

  router.get('/tips', async (req, res) => {
    const credentials = credentialsOf(res);
    const query = req.query ?? {};
    const status = query.status as TipStatus | undefined;
    if (query.entityRef === undefined) {
      await authorization.require(credentials, finopsOrgReadPermission);
      res.json(
        tipsResponse(
          null,
          await tips.listTips({ status }),
          0,
          tips.evaluatedAt,
        ),
      );
      return;
    }
    const entityRef = readEntityRef(query.entityRef);
    const { visible, readable } = await readReadableRollup(
      context,
      credentials,
      entityRef,
    );
    res.json(
      tipsResponse(
        entityRef,
        await tips.listTips({ entityRefs: readable, status }),
        visible.length - readable.length,
        tips.evaluatedAt,
      ),
    );
  });

  router.patch('/tips/:id', async (req, res) => {
    const credentials = credentialsOf(res);
    const { id } = req.params;
    const tip = await tips.getTip(id);
    // A tip of an entity the caller cannot see is one they cannot know of.
    if (
      !tip ||
      (tip.entityRef &&
        !(await context.catalog.getEntityByRef(tip.entityRef, { credentials })))
    ) {
      throw new NotFoundError(`No tip ${id}`);
    }
    if (tip.entityRef) {
      await requireEntityChange(
        context,
        credentials,
        tip.entityRef,
        finopsTipsUpdatePermission,
        'tips',
      );
    } else {
      await requireUnallocatedChange(context, credentials);
    }
    const { status, reason, until } = req.body;
    if (status === 'dismissed' && !reason?.trim()) {
      throw new InputError(
        'reason: say why the tip is dismissed, so that others know',
      );
    }
    if (status === 'snoozed' && (!until || until < todayUtc())) {
      throw new InputError(
        'until: a snoozed tip needs the last day it stays hidden, today or later (YYYY-MM-DD)',
      );
    }
    if (status !== 'snoozed' && until) {
      throw new InputError('until: only a snoozed tip has one');
    }
    const updated = await context.audited(
      req,
      'tip-decision',
      { tipId: id, rule: tip.rule, entityRef: tip.entityRef, status },
      async () => ({
        result: await tips.decide(id, {
          status,
          reason: reason?.trim() || null,
          until: until ?? null,
          by: principalName(credentials),
        }),
      }),
    );
    res.json(toApiTip(updated!));
  });
}

async function requireUnallocatedChange(
  context: Pick<RouteContext, 'authorization'>,
  credentials: BackstageCredentials,
) {
  // No entity to check on: the policy decides on the permission alone, and the spend is the organisation's.
  const [decision] = await context.authorization.authorizeWithoutResource(
    credentials,
    finopsTipsUpdatePermission,
  );
  if (
    decision !== AuthorizeResult.ALLOW ||
    !(await context.authorization.allows(credentials, finopsOrgReadPermission))
  ) {
    throw new NotAllowedError(
      'Not allowed to change the tips of unallocated spend',
    );
  }
}

function tipsResponse(
  entityRef: string | null,
  listed: ListedTip[],
  hiddenEntityCount: number,
  evaluatedAt: string | null,
) {
  const totals = new Map<string, bigint>();
  for (const tip of listed.filter(t => t.status === 'open')) {
    totals.set(
      tip.currency,
      (totals.get(tip.currency) ?? 0n) + tip.estimatedMonthlySavings,
    );
  }
  const [main, ...others] = [...totals]
    .map(([name, amount]) => ({ name, amount }))
    .sort(largestAmountFirst);
  const money = ({
    name: currency,
    amount,
  }: {
    name: string;
    amount: bigint;
  }) => ({
    amount: formatDecimal(amount),
    currency,
  });
  return {
    entityRef,
    tips: listed.map(toApiTip),
    totalEstimatedMonthlySavings: money(
      main ?? { name: listed[0]?.currency ?? 'USD', amount: 0n },
    ),
    otherCurrencyTotals: others.map(money),
    hiddenEntityCount,
    evaluatedAt,
  };
}

function toApiTip(tip: ListedTip) {
  return {
    id: tip.id,
    rule: tip.rule,
    title: tip.title,
    description: tip.description,
    entityRef: tip.entityRef,
    resources: tip.resources,
    estimatedMonthlySavings: {
      amount: formatDecimal(tip.estimatedMonthlySavings),
      currency: tip.currency,
    },
    method: tip.method,
    effort: tip.effort,
    risk: tip.risk,
    status: tip.status,
    decision: tip.decision,
    active: tip.active,
    firstSeenAt: tip.firstSeenAt,
    ...(tip.realizedSavings
      ? {
          realizedSavings: {
            amount: formatDecimal(tip.realizedSavings.monthly),
            currency: tip.currency,
            perDayBefore: formatDecimal(tip.realizedSavings.perDayBefore),
            perDayAfter: formatDecimal(tip.realizedSavings.perDayAfter),
            daysBefore: tip.realizedSavings.daysBefore,
            daysAfter: tip.realizedSavings.daysAfter,
          },
        }
      : {}),
  };
}
