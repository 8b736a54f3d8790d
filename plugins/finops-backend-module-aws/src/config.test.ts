import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { readAwsSourceConfigs } from './config';

function read(sources: JsonObject[], finops: JsonObject = {}) {
  return readAwsSourceConfigs(
    new ConfigReader({ finops: { ...finops, sources } }),
  );
}

const minimal = {
  id: 'aws-payer',
  type: 'aws-cost-explorer',
  accountId: '123456789012',
};

describe('readAwsSourceConfigs', () => {
  it('reads the aws-cost-explorer entries with their defaults, and skips the others', () => {
    expect(
      read([{ id: 'files', type: 'focus-directory', path: '/data' }, minimal]),
    ).toEqual([
      {
        id: 'aws-payer',
        configPath: 'finops.sources[1]',
        accountId: '123456789012',
        region: 'us-east-1',
        metric: 'AmortizedCost',
        backfillMonths: 13,
        restatementDays: 5,
        maxRequestsPerRun: 500,
        frequency: { hours: 8 },
        recommendations: {
          rightsizing: false,
          savingsPlans: false,
          costOptimizationHub: false,
        },
        tagKeys: [
          'backstage.io/component',
          'service',
          'application',
          'team',
          'owner',
        ],
      },
    ]);
    expect(read([])).toEqual([]);
    expect(readAwsSourceConfigs(new ConfigReader({}))).toEqual([]);
  });

  it('reads every key, and the tag keys from finops.attribution, each once', () => {
    const [source] = read(
      [
        {
          ...minimal,
          region: 'us-east-1',
          endpoint: 'http://127.0.0.1:4599',
          metric: 'NetUnblendedCost',
          backfillMonths: 2,
          restatementDays: 3,
          maxRequestsPerRun: 50,
          frequency: { hours: 1, minutes: 30 },
          recommendations: {
            rightsizing: true,
            savingsPlans: true,
            costOptimizationHub: true,
            costOptimizationHubEndpoint: 'https://hub.local',
          },
        },
      ],
      {
        attribution: {
          entityTagKeys: ['service', 'app'],
          ownerTagKeys: ['team', 'service'],
        },
      },
    );
    expect(source).toMatchObject({
      endpoint: 'http://127.0.0.1:4599',
      metric: 'NetUnblendedCost',
      backfillMonths: 2,
      restatementDays: 3,
      maxRequestsPerRun: 50,
      frequency: { hours: 1, minutes: 30 },
      recommendations: {
        rightsizing: true,
        savingsPlans: true,
        costOptimizationHub: true,
        costOptimizationHubEndpoint: 'https://hub.local',
      },
      tagKeys: ['service', 'app', 'team'],
    });
    expect(read([{ ...minimal, frequency: '2h' }])[0].frequency).toEqual({
      hours: 2,
    });
  });

  it.each([
    [
      { ...minimal, accountId: undefined },
      'finops.sources[0].accountId is required',
    ],
    [
      { ...minimal, accountId: 12345678901 },
      'finops.sources[0].accountId must be twelve digits written as a string (quote it in YAML), not 12345678901',
    ],
    [
      { ...minimal, id: 'has space' },
      'finops.sources[0].id "has space" must match',
    ],
    [
      { ...minimal, region: 'mars' },
      'finops.sources[0].region "mars" is not an AWS region name',
    ],
    [
      { ...minimal, endpoint: 'ftp://x' },
      'finops.sources[0].endpoint "ftp://x" must be an http or https URL',
    ],
    [
      { ...minimal, metric: 'BlendedCost' },
      'finops.sources[0].metric must be one of AmortizedCost, UnblendedCost, NetAmortizedCost, NetUnblendedCost, not "BlendedCost"',
    ],
    [
      { ...minimal, backfillMonths: 0 },
      'finops.sources[0].backfillMonths must be a whole number from 1 to 38, not 0',
    ],
    [
      { ...minimal, restatementDays: 1.5 },
      'finops.sources[0].restatementDays must be a whole number from 1 to 62, not 1.5',
    ],
    [
      { ...minimal, maxRequestsPerRun: -1 },
      'finops.sources[0].maxRequestsPerRun must be a whole number from 1 to 100000, not -1',
    ],
    [
      { ...minimal, frequency: { months: 1 } },
      'finops.sources[0].frequency must be given in weeks, days, hours or minutes, not months',
    ],
    [
      { ...minimal, frequency: { hours: 0 } },
      'finops.sources[0].frequency must be longer than zero',
    ],
    [
      { ...minimal, recommendations: { costOptimizationHubEndpoint: 'nope' } },
      'finops.sources[0].recommendations.costOptimizationHubEndpoint "nope" is not a URL',
    ],
  ])('names the key of a mistake: %j', (source, message) => {
    expect(() => read([JSON.parse(JSON.stringify(source))])).toThrow(message);
  });

  it('refuses two sources with one id', () => {
    expect(() =>
      read([minimal, { ...minimal, accountId: '210987654321' }]),
    ).toThrow(
      'finops.sources[1].id "aws-payer" is already the id of finops.sources[0]',
    );
  });
});
