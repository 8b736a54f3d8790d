/**
 * A stand-in for XMLHttpRequest that a test drives: it records what was
 * sent, and the test reports upload progress and answers.
 */
export class FakeXhr {
  static instances: FakeXhr[] = [];

  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  statusText = '';
  responseText = '';
  responseHeaders: Record<string, string> = {};
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  aborted = false;

  constructor() {
    FakeXhr.instances.push(this);
  }

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string) {
    this.headers[name.toLocaleLowerCase('en-US')] = value;
  }

  getResponseHeader(name: string): string | null {
    return this.responseHeaders[name.toLocaleLowerCase('en-US')] ?? null;
  }

  send(body: unknown) {
    this.body = body;
  }

  abort() {
    this.aborted = true;
    this.onabort?.();
  }

  /** Reports that `loaded` of `total` bytes went out. */
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({
      loaded,
      total,
      lengthComputable: true,
    } as ProgressEvent);
  }

  /** Answers with a status and a JSON body. */
  respond(status: number, body: unknown, statusText = '') {
    this.status = status;
    this.statusText = statusText;
    this.responseText = JSON.stringify(body);
    this.responseHeaders['content-type'] = 'application/json';
    this.onload?.();
  }

  /** The request fails without an answer. */
  fail() {
    this.onerror?.();
  }

  /** Installs the fake as the global XMLHttpRequest; returns a restore function. */
  static install(): () => void {
    const original = globalThis.XMLHttpRequest;
    FakeXhr.instances = [];
    (globalThis as any).XMLHttpRequest = FakeXhr;
    return () => {
      (globalThis as any).XMLHttpRequest = original;
    };
  }

  static get last(): FakeXhr {
    const last = FakeXhr.instances[FakeXhr.instances.length - 1];
    if (!last) {
      throw new Error('No XMLHttpRequest was made');
    }
    return last;
  }
}
