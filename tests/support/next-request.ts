// Outside a Next.js request there are no headers, cookies or cache. Test files that call server
// actions directly replace "next/headers" and "next/cache" with this module:
//
//   vi.mock("next/headers", () => import("../support/next-request"));
//   vi.mock("next/cache", () => import("../support/next-request"));

/** An empty request, as from a client behind no trusted proxy. */
export async function headers(): Promise<Headers> {
  return new Headers();
}

export async function cookies() {
  return { get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} };
}

/** There is no cache to revalidate. */
export function revalidatePath(): void {}
export function revalidateTag(): void {}
export function updateTag(): void {}
export function refresh(): void {}
