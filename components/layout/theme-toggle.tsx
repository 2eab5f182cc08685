"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

type Theme = "system" | "light" | "dark";
const NEXT: Record<Theme, Theme> = { system: "light", light: "dark", dark: "system" };
const LABEL: Record<Theme, string> = { system: "Theme: follows your device", light: "Theme: light", dark: "Theme: dark" };

/** Cycles system → light → dark; kept in a cookie so the server renders the right theme. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>("system");
  useEffect(() => {
    const cls = document.documentElement.classList;
    setTheme(cls.contains("dark") ? "dark" : cls.contains("light") ? "light" : "system");
  }, []);
  function change() {
    const next = NEXT[theme];
    const root = document.documentElement;
    root.classList.remove("system", "light", "dark");
    root.classList.add(next);
    document.cookie = `theme=${next}; path=/; max-age=31536000; samesite=lax`;
    setTheme(next);
  }
  const Icon = theme === "dark" ? Moon : theme === "light" ? Sun : Monitor;
  return (
    <Button type="button" variant="ghost" size="icon" onClick={change} aria-label={`${LABEL[theme]}. Change theme`} title={LABEL[theme]}>
      <Icon aria-hidden="true" />
    </Button>
  );
}
