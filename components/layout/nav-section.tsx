"use client";

import { createContext, useContext, useLayoutEffect, useState } from "react";

// A page whose place in the navigation is not its address says so: a story's page is under
// "My stories" for its author, under "Team" for a manager reviewing a report's story, and under
// no tab for anyone else. The page renders <NavSection href=… />; the tabs read it.

type Declared = string | null | undefined; // undefined: the page declared nothing
const Context = createContext<{ section: Declared; set: (s: Declared) => void }>({ section: undefined, set: () => {} });

export function NavSectionProvider({ children }: { children: React.ReactNode }) {
  const [section, set] = useState<Declared>(undefined);
  return <Context.Provider value={{ section, set }}>{children}</Context.Provider>;
}

/** Declares which tab the current page belongs to (null: none), for as long as it is shown. */
export function NavSection({ href }: { href: string | null }) {
  const { set } = useContext(Context);
  useLayoutEffect(() => {
    set(href);
    return () => set(undefined);
  }, [href, set]);
  return null;
}

export function useNavSection(): Declared {
  return useContext(Context).section;
}

/** Pages that declare their tab (a story's page): until they do, no tab is marked, never a wrong one. */
export const DECLARES_SECTION = /^\/stories\/[0-9a-f-]{36}$/i;
