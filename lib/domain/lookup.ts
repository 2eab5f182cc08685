// Looking a value up in a fixed table by a key that came from outside (an address, a form, a
// response). Only the table's own keys count, so "constructor", "__proto__" or "toString" is an
// unknown key like any other, never something inherited from Object.prototype.
export function lookup<T extends object>(table: T, key: unknown): T[keyof T] | undefined {
  return typeof key === "string" && Object.hasOwn(table, key) ? table[key as keyof T] : undefined;
}
