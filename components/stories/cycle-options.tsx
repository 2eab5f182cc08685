import { CYCLES, CYCLE_INFO } from "@/lib/domain/framework";

/** The five cycles as <option>s, in framework order, for any cycle select. */
export function CycleOptions({ numbered = false }: { numbered?: boolean }) {
  return CYCLES.map((c) => (
    <option key={c} value={c}>
      {numbered ? `${CYCLE_INFO[c].number}. ` : ""}
      {CYCLE_INFO[c].name}
    </option>
  ));
}
