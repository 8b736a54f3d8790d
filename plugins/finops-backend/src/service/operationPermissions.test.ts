import { spec } from '../schema/openapi/generated/router';
import { OPERATION_PERMISSIONS, operationOf } from './operationPermissions';

describe('operation permissions', () => {
  it('give every operation of the spec a permission, and nothing else', () => {
    const operationIds = Object.values(spec.paths as Record<string, Record<string, { operationId: string }>>).flatMap(item =>
      Object.values(item).map(operation => operation.operationId),
    );
    expect(Object.keys(OPERATION_PERMISSIONS).sort()).toEqual(operationIds.sort());
  });

  it('find the operation of a request path, parameters included, and none for other paths', () => {
    expect(operationOf('get', '/costs')).toBe('GetCosts');
    expect(operationOf('GET', '/imports/1234-abcd')).toBe('GetImport');
    expect(operationOf('POST', '/imports')).toBe('CreateImport');
    expect(operationOf('POST', '/sources/nightly/run')).toBe('RunSource');
    expect(operationOf('GET', '/imports/a/b')).toBeUndefined();
    expect(operationOf('DELETE', '/imports/1')).toBeUndefined();
    expect(operationOf('GET', '/costsx')).toBeUndefined();
  });
});
