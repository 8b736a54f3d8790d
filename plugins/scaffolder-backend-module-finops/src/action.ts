import { promises as fs } from 'node:fs';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { MetadataPolicy } from '@backstage-finops/plugin-finops-common';
import { writeCostMetadata } from './costMetadata';

/** The id of the action in templates. */
export const COST_METADATA_ACTION_ID = 'finops:cost-metadata';

/**
 * The `finops:cost-metadata` scaffolder action: writes the cost metadata the
 * organisation's policy requires (`finops.backstage.io/cost-tags`, and a
 * `finops.backstage.io/monthly-budget` when given) into the Component of a
 * catalog-info.yaml in the task's workspace, and checks the result against
 * the policy.
 */
export function createFinopsCostMetadataAction(options: { policy: MetadataPolicy }) {
  const { policy } = options;
  return createTemplateAction({
    id: COST_METADATA_ACTION_ID,
    description:
      "Writes the FinOps metadata policy's required annotations (cost tags with the required tag values, and a monthly budget) into a new component's catalog-info.yaml, so the service starts compliant",
    supportsDryRun: true,
    examples: [
      {
        description: 'Tag a new service for production and give it a budget',
        example: [
          'steps:',
          '  - id: cost-metadata',
          '    name: FinOps cost metadata',
          '    action: finops:cost-metadata',
          '    input:',
          '      tags:',
          '        environment: prod',
          "      monthlyBudget: '1200 USD'",
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        path: z => z.string().optional().describe('The catalog-info.yaml to edit, relative to the workspace; default catalog-info.yaml'),
        tags: z =>
          z
            .record(z.string(), z.string())
            .optional()
            .describe("Tag values by key: one of the allowed values for each of the policy's required tags, and any other tags"),
        monthlyBudget: z => z.string().optional().describe('A monthly budget, "<amount> <currency>", e.g. "1200 USD"'),
      },
      output: {
        annotations: z => z.record(z.string(), z.string()).describe('The annotations written'),
      },
    },
    async handler(ctx) {
      const relative = ctx.input.path ?? 'catalog-info.yaml';
      const file = resolveSafeChildPath(ctx.workspacePath, relative);
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (error) {
        throw new InputError(`${relative} is not in the workspace: ${(error as Error).message}`);
      }
      const result = writeCostMetadata(text, { tags: ctx.input.tags, monthlyBudget: ctx.input.monthlyBudget }, policy, relative);
      await fs.writeFile(file, result.text, 'utf8');
      for (const [key, value] of Object.entries(result.annotations)) {
        ctx.logger.info(`${relative}: ${key}: ${value}`);
      }
      ctx.output('annotations', result.annotations);
    },
  });
}
