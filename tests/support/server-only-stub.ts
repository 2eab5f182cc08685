// Vitest runs data files on the server side, where "server-only" has nothing to guard.
export {};
