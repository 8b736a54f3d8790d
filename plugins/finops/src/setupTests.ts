import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// recharts' ResponsiveContainer measures its parent with ResizeObserver,
// which jsdom lacks; report a fixed size so that charts render in tests.
class FixedSizeResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    this.callback(
      [
        {
          target,
          contentRect: { width: 800, height: 320 } as DOMRectReadOnly,
        } as ResizeObserverEntry,
      ],
      this as unknown as ResizeObserver,
    );
  }
  unobserve() {}
  disconnect() {}
}

if (!('ResizeObserver' in globalThis)) {
  (globalThis as any).ResizeObserver = FixedSizeResizeObserver;
}

// Pages render slowly while the whole repository's suites share two cores:
// waiting for what a page shows is not what these tests measure.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);
