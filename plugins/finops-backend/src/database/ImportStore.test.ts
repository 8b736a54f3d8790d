import { storeDatabases } from '../__testUtils__/storeTesting';

jest.setTimeout(60_000);

const databases = storeDatabases();

describe.each(databases.ids)('ImportStore on %s', databaseId => {
  const createStores = () => databases.createStores(databaseId);

  it('tracks import status and fails abandoned imports', async () => {
    const stores = await createStores();
    await stores.imports.createImport({ id: 'a', sourceId: 'upload', fileName: 'a.csv', bytesTotal: 10 });
    await stores.imports.startImport('a');
    await stores.imports.updateImportProgress('a', { bytesRead: 5, rowsRead: 3 });
    expect(await stores.imports.getImport('a')).toMatchObject({ status: 'running', bytesRead: 5, rowsRead: 3, bytesTotal: 10 });
    await stores.imports.createImport({ id: 'b', sourceId: 'upload', fileName: 'b.csv' });
    const past = new Date(Date.now() - 60_000).toISOString();
    expect(await stores.imports.failAbandonedImports('stopped', past)).toBe(0);
    await stores.imports.heartbeat(['b']);
    const later = new Date(Date.now() + 1).toISOString();
    expect(await stores.imports.failAbandonedImports('stopped', later)).toBe(2);
    expect(await stores.imports.getImport('a')).toMatchObject({ status: 'failed', error: 'stopped' });
    expect(await stores.imports.failAbandonedImports('stopped', later)).toBe(0);
    expect((await stores.imports.listImports(10)).map(i => i.id).sort()).toEqual(['a', 'b']);
  });
});
