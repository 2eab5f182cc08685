// React's `cache` as Next.js runs it: memoised for the length of one server request, a plain call
// outside one. Under Vitest, `react` is the client build, whose `cache` never memoises; a test
// that wants to see what one request costs mocks `react` with this (vi.mock("react", withRequestCache))
// and runs the request's work in `inRequest`. Arguments are compared as React compares them: by
// identity, primitives by value.
import { AsyncLocalStorage } from "node:async_hooks";

type Scope = Map<unknown, Map<unknown, unknown>>;
const scope = new AsyncLocalStorage<Scope>();
const RESULT = Symbol("result");

function cache<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    const store = scope.getStore();
    if (!store) return fn(...args);
    let node = store.get(fn) ?? new Map<unknown, unknown>();
    store.set(fn, node);
    for (const arg of args) {
      let next = node.get(arg) as Map<unknown, unknown> | undefined;
      if (!next) node.set(arg, (next = new Map()));
      node = next;
    }
    if (!node.has(RESULT)) node.set(RESULT, fn(...args));
    return node.get(RESULT) as R;
  };
}

/** The factory for vi.mock("react", …): the real module with a request-scoped `cache`. */
export async function withRequestCache(importOriginal: () => Promise<object>) {
  return { ...(await importOriginal()), cache };
}

/** Runs `fn` as one request: cached functions called within it compute once per arguments. */
export function inRequest<T>(fn: () => Promise<T>): Promise<T> {
  return scope.run(new Map(), fn);
}
