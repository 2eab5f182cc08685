// The value-creation framework (Wenger, Trayner & de Laat, 2011): the product's vocabulary.
// Pure data and functions: no I/O.

export const CYCLES = ["IMMEDIATE", "POTENTIAL", "APPLIED", "REALIZED", "REFRAMING"] as const;
export type Cycle = (typeof CYCLES)[number];

export const CAPITAL_KINDS = ["HUMAN", "SOCIAL", "TANGIBLE", "REPUTATIONAL", "LEARNING"] as const;
export type CapitalKind = (typeof CAPITAL_KINDS)[number];

export type CycleInfo = {
  cycle: Cycle;
  number: number;
  name: string;
  /** What this kind of value is, in a phrase. */
  summary: string;
  /** The key question shown to the author. */
  question: string;
};

export const CYCLE_INFO: Record<Cycle, CycleInfo> = {
  IMMEDIATE: {
    cycle: "IMMEDIATE",
    number: 1,
    name: "Immediate value",
    summary: "The activity itself: what happened and what it was like.",
    question: "What happened, and what was it like for me?",
  },
  POTENTIAL: {
    cycle: "POTENTIAL",
    number: 2,
    name: "Potential value",
    summary: "What it produced: knowledge capital you can draw on later.",
    question: "What has this produced that I can draw on?",
  },
  APPLIED: {
    cycle: "APPLIED",
    number: 3,
    name: "Applied value",
    summary: "Putting it to use: a change in practice.",
    question: "What difference has it made to what I do?",
  },
  REALIZED: {
    cycle: "REALIZED",
    number: 4,
    name: "Realized value",
    summary: "The difference to performance that matters to stakeholders.",
    question: "What difference has it made to results that matter to me or others?",
  },
  REFRAMING: {
    cycle: "REFRAMING",
    number: 5,
    name: "Reframing value",
    summary: "A change in how success is defined.",
    question: "Has it changed how I, or others, define what matters?",
  },
};

/** The id of a cycle's section in the editor, its address's anchor: `cycle-applied`. */
export function cycleAnchor(cycle: Cycle): string {
  return `cycle-${cycle.toLowerCase()}`;
}

export const CAPITAL_INFO: Record<CapitalKind, { name: string; examples: string }> = {
  HUMAN: { name: "Human capital", examples: "skills, information, a change of perspective, inspiration, confidence" },
  SOCIAL: { name: "Social capital", examples: "relationships, connections, trust" },
  TANGIBLE: { name: "Tangible capital", examples: "documents, tools, resources, access to them" },
  REPUTATIONAL: { name: "Reputational capital", examples: "standing of the person, team or community" },
  LEARNING: { name: "Learning capital", examples: "a changed ability or way to learn" },
};

export type IndicatorSeed = {
  key: string;
  cycle: Cycle;
  capitalKind?: CapitalKind;
  label: string;
  description?: string;
};

/** The seed catalogue each new organisation starts with; organisations edit it later. */
export const INDICATOR_SEED: readonly IndicatorSeed[] = [
  { key: "participation", cycle: "IMMEDIATE", label: "Participation and activity" },
  { key: "engagement", cycle: "IMMEDIATE", label: "Engagement" },
  { key: "interaction-quality", cycle: "IMMEDIATE", label: "Quality of interaction" },
  { key: "reciprocity", cycle: "IMMEDIATE", label: "Reciprocity and generosity" },
  { key: "fun-inspiration", cycle: "IMMEDIATE", label: "Fun and inspiration" },
  { key: "networking", cycle: "IMMEDIATE", label: "Networking" },
  { key: "capital-human", cycle: "POTENTIAL", capitalKind: "HUMAN", label: "Human capital", description: CAPITAL_INFO.HUMAN.examples },
  { key: "capital-social", cycle: "POTENTIAL", capitalKind: "SOCIAL", label: "Social capital", description: CAPITAL_INFO.SOCIAL.examples },
  { key: "capital-tangible", cycle: "POTENTIAL", capitalKind: "TANGIBLE", label: "Tangible capital", description: CAPITAL_INFO.TANGIBLE.examples },
  {
    key: "capital-reputational",
    cycle: "POTENTIAL",
    capitalKind: "REPUTATIONAL",
    label: "Reputational capital",
    description: CAPITAL_INFO.REPUTATIONAL.examples,
  },
  { key: "capital-learning", cycle: "POTENTIAL", capitalKind: "LEARNING", label: "Learning capital", description: CAPITAL_INFO.LEARNING.examples },
  { key: "advice-implemented", cycle: "APPLIED", label: "Advice or solution implemented" },
  { key: "practice-innovation", cycle: "APPLIED", label: "Innovation in practice" },
  { key: "tools-used", cycle: "APPLIED", label: "Tools or documents used" },
  { key: "products-reused", cycle: "APPLIED", label: "Products reused" },
  { key: "connections-used", cycle: "APPLIED", label: "Connections used to get something done" },
  { key: "system-innovation", cycle: "APPLIED", label: "Innovation in systems" },
  { key: "learning-transferred", cycle: "APPLIED", label: "Learning practices transferred" },
  { key: "personal-performance", cycle: "REALIZED", label: "Personal performance", description: "time saved, quality, something newly possible" },
  { key: "org-performance", cycle: "REALIZED", label: "Organisational performance", description: "customers, cost, speed" },
  { key: "org-reputation", cycle: "REALIZED", label: "Organisational reputation" },
  { key: "knowledge-products", cycle: "REALIZED", label: "Knowledge products as performance" },
  { key: "new-aspirations", cycle: "REFRAMING", label: "New aspirations" },
  { key: "new-criteria", cycle: "REFRAMING", label: "New criteria or metrics of success" },
  { key: "stakeholder-relationships", cycle: "REFRAMING", label: "Changed relationships with stakeholders" },
  { key: "institutional-change", cycle: "REFRAMING", label: "Institutional change" },
  { key: "new-frameworks", cycle: "REFRAMING", label: "New frameworks" },
];

/** The default channel list; organisations edit it later. */
export const CHANNEL_SEED: readonly { key: string; label: string }[] = [
  { key: "social", label: "Social platform" },
  { key: "chat", label: "Internal chat" },
  { key: "community", label: "Community of practice" },
  { key: "conference", label: "Conference or event" },
  { key: "colleague", label: "Colleague" },
  { key: "course", label: "Course" },
  { key: "reading", label: "Reading" },
  { key: "other", label: "Other" },
];

export function cycleIndex(cycle: Cycle): number {
  return CYCLES.indexOf(cycle);
}

/** The furthest cycle a set of entries reaches, or null for none. */
export function furthestCycle(cycles: Iterable<Cycle>): Cycle | null {
  let best = -1;
  for (const c of cycles) best = Math.max(best, cycleIndex(c));
  return best < 0 ? null : (CYCLES[best] ?? null);
}

/** The value chain: for each cycle in order, whether the story reaches it. */
export function valueChain(cycles: Iterable<Cycle>): { cycle: Cycle; reached: boolean }[] {
  const set = new Set(cycles);
  return CYCLES.map((cycle) => ({ cycle, reached: set.has(cycle) }));
}
