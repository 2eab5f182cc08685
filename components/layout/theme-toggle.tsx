"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";

type Theme = "system" | "light" | "dark";
const NEXT: Record<Theme, Theme> = { system: "light", light: "dark", dark: "system" };
const LABEL: Record<Theme, string> = { system: "Theme: follows your device", light: "Theme: light", dark: "Theme: dark" };

/** The theme is the class of <html> (the server sets it from the cookie); every toggle on the page follows it. */
function subscribe(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}
function currentTheme(): Theme {
  const cls = document.documentElement.classList;
  return cls.contains("dark") ? "dark" : cls.contains("light") ? "light" : "system";
}

/** Cycles system → light → dark; kept in a cookie so the server renders the right theme. */
export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribe, currentTheme, () => "system" as const);
  function change() {
    const next = NEXT[theme];
    const root = document.documentElement;
    root.classList.remove("system", "light", "dark");
    root.classList.add(next);
    document.cookie = `theme=${next}; path=/; max-age=31536000; samesite=lax`;
  }
  const Icon = theme === "dark" ? Moon : theme === "light" ? Sun : Monitor;
  return (
    <Button type="button" variant="ghost" size="icon" onClick={change} aria-label={`${LABEL[theme]}. Change theme`} title={LABEL[theme]}>
      <Icon aria-hidden="true" />
    </Button>
  );
}
