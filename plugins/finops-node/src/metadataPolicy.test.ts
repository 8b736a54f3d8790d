import { ConfigReader } from '@backstage/config';
import { DEFAULT_METADATA_POLICY } from '@backstage-finops/plugin-finops-common';
import { readMetadataPolicy } from './metadataPolicy';

describe('readMetadataPolicy', () => {
  it('defaults every rule, and reads each from finops.metadataPolicy', () => {
    expect(readMetadataPolicy(new ConfigReader({}))).toEqual({ ...DEFAULT_METADATA_POLICY, costSource: { ...DEFAULT_METADATA_POLICY.costSource, types: undefined } });
    const policy = readMetadataPolicy(
      new ConfigReader({
        finops: {
          metadataPolicy: {
            owner: 'error',
            annotations: 'warn',
            costSource: { severity: 'error', kinds: ['Component', 'Resource'], types: ['service'] },
            requiredTags: [{ key: 'environment', values: ['prod', 'staging', 'dev'] }, { key: 'cost-center', severity: 'error' }],
          },
        },
      }),
    );
    expect(policy).toEqual({
      owner: 'error',
      annotations: 'warn',
      costSource: { severity: 'error', kinds: ['Component', 'Resource'], types: ['service'] },
      requiredTags: [
        { key: 'environment', values: ['prod', 'staging', 'dev'], severity: 'warn' },
        { key: 'cost-center', values: undefined, severity: 'error' },
      ],
    });
  });

  it('names a wrong severity by its key', () => {
    expect(() => readMetadataPolicy(new ConfigReader({ finops: { metadataPolicy: { owner: 'fatal' } } }))).toThrow(/finops\.metadataPolicy\.owner must be error, warn or off, not "fatal"/);
    expect(() => readMetadataPolicy(new ConfigReader({ finops: { metadataPolicy: { requiredTags: [{ key: 'env', severity: 'x' }] } } }))).toThrow(
      /finops\.metadataPolicy\.requiredTags\[0\]\.severity/,
    );
  });
});
