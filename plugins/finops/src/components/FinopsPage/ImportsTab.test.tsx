import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { discoveryApiRef, identityApiRef } from '@backstage/core-plugin-api';
import type { FinopsImport } from '@backstage-finops/plugin-finops-common';
import { FakeXhr } from '../__testUtils__/fakeXhr';
import { responseError, Wrapper } from '../__testUtils__/fixtures';
import { ImportsTab } from './ImportsTab';

function anImport(overrides: Partial<FinopsImport> = {}): FinopsImport {
  return {
    id: 'imp-1',
    sourceId: 'upload',
    status: 'queued',
    fileName: 'november.csv',
    rowsRead: 0,
    bytesRead: 0,
    bytesTotal: 2000,
    progress: 0,
    billingPeriods: [],
    error: null,
    createdAt: '2026-03-15T09:59:00Z',
    startedAt: null,
    finishedAt: null,
    ...overrides,
  };
}

const demoSource = {
  id: 'demo',
  type: 'focus-directory',
  description: 'FOCUS files in /exports',
  lastImport: anImport({
    id: 'imp-0',
    sourceId: 'demo',
    status: 'succeeded',
    fileName: '13 files in /exports',
    rowsRead: 62254,
    progress: 1,
    billingPeriods: ['2026-01-01', '2026-02-01', '2026-03-01'],
    startedAt: '2026-03-15T09:00:00Z',
    finishedAt: '2026-03-15T09:00:07Z',
  }),
};

const discovery = {
  getBaseUrl: async (id: string) => `http://backstage/api/${id}`,
};
const identity = {
  getCredentials: async () => ({ token: 'user-token' }),
};

describe('ImportsTab', () => {
  let restore: () => void;
  beforeEach(() => {
    restore = FakeXhr.install();
  });
  afterEach(() => restore());

  async function render(api: Record<string, jest.Mock>) {
    await renderInTestApp(
      <Wrapper
        api={{
          listImports: jest.fn(async () => ({ items: [] })),
          listSources: jest.fn(async () => ({ items: [demoSource] })),
          ...api,
        }}
        apis={[
          [discoveryApiRef, discovery],
          [identityApiRef, identity],
        ]}
      >
        <ImportsTab pollIntervalMs={20} />
      </Wrapper>,
    );
  }

  function drop(name: string, text: string) {
    const file = new File([text], name, { type: 'text/csv' });
    fireEvent.drop(screen.getByTestId('finops-drop-zone'), {
      dataTransfer: { files: [file], types: ['Files'] },
    });
    return file;
  }

  it("uploads a dropped file with an upload progress bar, then follows the import's progress to success", async () => {
    const getImport = jest
      .fn()
      .mockResolvedValueOnce(
        anImport({ status: 'running', progress: 0.4, rowsRead: 1200 }),
      )
      .mockResolvedValue(
        anImport({
          status: 'succeeded',
          progress: 1,
          rowsRead: 3000,
          bytesRead: 2000,
          billingPeriods: ['2026-11-01'],
          finishedAt: '2026-03-15T10:00:05Z',
        }),
      );
    const listImports = jest.fn(async () => ({ items: [] }));
    await render({ getImport, listImports });
    await screen.findByTestId('finops-source-row');

    const file = drop('november.csv', 'x'.repeat(2000));
    await waitFor(() => expect(FakeXhr.instances).toHaveLength(1));
    const xhr = FakeXhr.last;
    expect(xhr.url).toBe(
      'http://backstage/api/finops/imports?source=upload&fileName=november.csv',
    );
    expect(xhr.headers.authorization).toBe('Bearer user-token');
    expect(xhr.headers['content-type']).toBe('text/csv');
    expect(xhr.body).toBe(file);

    xhr.progress(500, 2000);
    const uploadBar = await screen.findByRole('progressbar', {
      name: 'Upload of november.csv',
    });
    await waitFor(() =>
      expect(uploadBar).toHaveAttribute('aria-valuenow', '25'),
    );
    expect(screen.getByTestId('finops-upload-progress')).toHaveTextContent(
      'Uploading november.csv500 B of 2.0 KB',
    );
    xhr.progress(2000, 2000);
    await waitFor(() =>
      expect(uploadBar).toHaveAttribute('aria-valuenow', '100'),
    );

    xhr.respond(202, anImport());
    const upload = await screen.findByTestId('finops-upload-import');
    await waitFor(() =>
      expect(
        within(upload).getByRole('progressbar', {
          name: 'Import of november.csv',
        }),
      ).toHaveAttribute('aria-valuenow', '40'),
    );
    expect(upload).toHaveTextContent('Importing november.csv');
    expect(upload).toHaveTextContent('1,200 rows read');

    await waitFor(() =>
      expect(
        within(upload).getByTestId('finops-import-status'),
      ).toHaveAttribute('data-status', 'succeeded'),
    );
    expect(upload).toHaveTextContent('november.csv is imported');
    expect(upload).toHaveTextContent('3,000 rows read');
    expect(screen.getByTestId('finops-upload-periods')).toHaveTextContent(
      'Billing periods replaced: 2026-11-01',
    );
    expect(getImport).toHaveBeenCalledWith({ id: 'imp-1' });
    // The list is asked again once the upload is queued and once it is done.
    await waitFor(() =>
      expect(listImports.mock.calls.length).toBeGreaterThanOrEqual(3),
    );
  });

  it("shows a failed import's error with the file, line and column", async () => {
    const error =
      'november.csv, line 4, column 1 (BilledCost): "1,234.5" is not a decimal number';
    const getImport = jest
      .fn()
      .mockResolvedValue(anImport({ status: 'failed', rowsRead: 2, error }));
    await render({ getImport });
    await screen.findByTestId('finops-source-row');
    drop('november.csv', 'BilledCost\n1,234.5\n');
    await waitFor(() => expect(FakeXhr.instances).toHaveLength(1));
    FakeXhr.last.respond(202, anImport());
    const upload = await screen.findByTestId('finops-upload-import');
    await waitFor(() =>
      expect(
        within(upload).getByTestId('finops-import-error'),
      ).toHaveTextContent(error),
    );
    expect(upload).toHaveTextContent(
      'november.csv could not be imported; nothing was changed',
    );
    expect(
      within(upload).getByTestId('finops-import-status'),
    ).toHaveTextContent('Failed');
    // The drop zone is back for the corrected file.
    expect(screen.getByTestId('finops-drop-zone')).toBeInTheDocument();
  });

  it('refuses a file that is not CSV, without uploading it', async () => {
    await render({});
    await screen.findByTestId('finops-source-row');
    drop('bill.xlsx', 'x');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'bill.xlsx is not a FOCUS export: choose a .csv or .csv.gz file.',
    );
    expect(FakeXhr.instances).toHaveLength(0);
  });

  it('says why the server refused an upload', async () => {
    await render({});
    await screen.findByTestId('finops-source-row');
    drop('huge.csv.gz', 'x');
    await waitFor(() => expect(FakeXhr.instances).toHaveLength(1));
    expect(FakeXhr.last.headers['content-type']).toBe('application/gzip');
    FakeXhr.last.respond(
      413,
      {
        error: {
          name: 'Error',
          message: 'The upload exceeds 2147483648 bytes',
        },
        response: { statusCode: 413 },
      },
      'Payload Too Large',
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not upload huge.csv.gz: the file is larger than the upload limit (The upload exceeds 2147483648 bytes)',
    );
  });

  it('uploads a file chosen with the file dialog too', async () => {
    await render({});
    await screen.findByTestId('finops-source-row');
    await userEvent.upload(
      screen.getByTestId('finops-upload-input'),
      new File(['a'], 'chosen.csv', { type: 'text/csv' }),
    );
    await waitFor(() => expect(FakeXhr.instances).toHaveLength(1));
    expect(FakeXhr.last.url).toContain('fileName=chosen.csv');
  });

  it('runs a scheduled source now and shows its new import', async () => {
    const running = anImport({
      id: 'imp-2',
      sourceId: 'demo',
      status: 'running',
      fileName: '13 files in /exports',
      progress: 0.5,
      rowsRead: 30000,
    });
    const runSource = jest.fn(async () => ({ triggered: true }));
    const listImports = jest
      .fn()
      .mockResolvedValueOnce({ items: [demoSource.lastImport] })
      .mockResolvedValueOnce({ items: [running, demoSource.lastImport] })
      .mockResolvedValue({
        items: [
          { ...running, status: 'succeeded', progress: 1, rowsRead: 62254 },
          demoSource.lastImport,
        ],
      });
    await render({ runSource, listImports });
    const source = await screen.findByTestId('finops-source-row');
    expect(source).toHaveTextContent('demo');
    expect(source).toHaveTextContent('62,254 rows read');

    await userEvent.click(
      within(source).getByRole('button', { name: 'Run demo now' }),
    );
    expect(runSource).toHaveBeenCalledWith({ id: 'demo' });
    expect(await screen.findByTestId('finops-run-message')).toHaveTextContent(
      'Started: its import appears below.',
    );
    // The new import appears running, and the list refreshes until it is done.
    await waitFor(() =>
      expect(
        screen
          .getAllByTestId('finops-import-row')
          .map(row => row.getAttribute('data-import-id')),
      ).toEqual(['imp-2', 'imp-0']),
    );
    await waitFor(() =>
      expect(
        within(screen.getAllByTestId('finops-import-row')[0]).getByTestId(
          'finops-import-status',
        ),
      ).toHaveAttribute('data-status', 'succeeded'),
    );
  });

  it('says when a source is already running', async () => {
    const runSource = jest.fn().mockRejectedValue(
      await responseError(409, 'Conflict', {
        name: 'ConflictError',
        message: 'demo is running',
      }),
    );
    await render({ runSource });
    const source = await screen.findByTestId('finops-source-row');
    await userEvent.click(
      within(source).getByRole('button', { name: 'Run demo now' }),
    );
    expect(await screen.findByTestId('finops-run-message')).toHaveTextContent(
      'An import of this source is already running.',
    );
  });

  it('lists every import with status, progress, rows, periods and error', async () => {
    const listImports = jest.fn(async () => ({
      items: [
        anImport({
          id: 'a',
          status: 'failed',
          rowsRead: 3,
          error:
            'bill.csv, line 4, column 1 (BilledCost): "$3" is not a decimal number',
        }),
        demoSource.lastImport,
        anImport({
          id: 'c',
          sourceId: 'aws-payer',
          fileName: 'AWS Cost Explorer, payer 123456789012',
          status: 'succeeded',
          rowsRead: 5120,
          apiRequests: { requests: 312, pages: 340, estimatedCostUsd: '3.4' },
        }),
      ],
    }));
    await render({ listImports });
    const rows = await screen.findAllByTestId('finops-import-row');
    // A provider API that charges per request: what the import cost in calls.
    expect(rows[2]).toHaveTextContent(
      '5,120312 API requests (340 pages), about $3.40',
    );
    expect(
      within(rows[0]).queryByTestId('finops-import-api-requests'),
    ).not.toBeInTheDocument();
    expect(rows[0]).toHaveTextContent('Failed');
    expect(rows[0]).toHaveTextContent(
      'bill.csv, line 4, column 1 (BilledCost)',
    );
    expect(rows[1]).toHaveTextContent('Succeeded');
    expect(rows[1]).toHaveTextContent('62,254');
    expect(rows[1]).toHaveTextContent('Jan 2026, Feb 2026, Mar 2026');
    expect(rows[1]).toHaveTextContent('took 7.0 s');
    expect(
      within(rows[1]).getByRole('progressbar', {
        name: 'Import of 13 files in /exports',
      }),
    ).toHaveAttribute('aria-valuenow', '100');
  });
});
