"use client";

import { createContext, useContext, useEffect } from "react";
import { guessTimeZoneAction } from "@/lib/actions/profile";
import { formatDate, type DateStyle } from "@/lib/domain/format";
import { isTimeZone } from "@/lib/domain/time-zone";

// The signed-in person's time zone, for client components: the app layout provides it (from
// the session's actor), so a date renders the same on the server and in the browser.

const TimeZoneContext = createContext<string>("UTC");

/** The zone dates are shown in: the person's, else UTC. */
export function useTimeZone(): string {
  return useContext(TimeZoneContext);
}

/**
 * Provides the person's zone. `guess`: they have none yet (first visit), so the browser's zone
 * is saved as theirs, once; the pages that follow show it, and the profile can change it.
 */
export function TimeZoneProvider({ timeZone, guess, children }: { timeZone: string; guess: boolean; children: React.ReactNode }) {
  useEffect(() => {
    if (!guess) return;
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (isTimeZone(browser)) void guessTimeZoneAction(null, { timeZone: browser }).catch(() => undefined);
  }, [guess]);
  return <TimeZoneContext.Provider value={timeZone}>{children}</TimeZoneContext.Provider>;
}

/** A date in one of Ripple's styles, in the person's zone: for server components deep in a page. */
export function FormattedDate({ date, style }: { date: Date | string; style: DateStyle }) {
  return <>{formatDate(date, style, useTimeZone())}</>;
}
