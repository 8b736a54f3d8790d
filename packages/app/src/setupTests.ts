import '@testing-library/jest-dom';

// jsdom has no ResizeObserver; charts (recharts' ResponsiveContainer) need one.
if (!('ResizeObserver' in globalThis)) {
  (globalThis as any).ResizeObserver = class {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      this.callback(
        [{ target, contentRect: { width: 800, height: 320 } } as any],
        this as any,
      );
    }
    unobserve() {}
    disconnect() {}
  };
}
