/**
 * The overview's funnel: how many leads REACHED each stage, read from their stage history. A lead that jumped
 * from New to Proposal never toured, so it counts for New and Proposal but not for Touring (counting "current
 * stage or later" would say it did). Lost is not a step of the funnel; a lost lead counts for the steps it reached.
 */
import { STAGES } from '../../lib/pipeline.ts';

const FUNNEL_STEPS = STAGES.filter((stage) => stage !== 'lost');

export interface LeadHistory {
  /** The stage the lead is in now. */
  stage: string;
  /** Every stage its stage changes came from or went to. */
  visited: readonly string[];
}

export interface FunnelStep {
  stage: (typeof FUNNEL_STEPS)[number];
  count: number;
  /** Share of the previous step's leads that reached this one; null for the first step or after an empty one. */
  conversion: number | null;
}

/** Counts, per funnel step, the leads whose history or current stage includes it (every lead starts as New). */
export function countStageFunnel(histories: readonly LeadHistory[]): FunnelStep[] {
  const counts = FUNNEL_STEPS.map(
    (step) => histories.filter((h) => step === 'new' || h.stage === step || h.visited.includes(step)).length,
  );
  return FUNNEL_STEPS.map((stage, i) => ({
    stage,
    count: counts[i]!,
    conversion: i === 0 || counts[i - 1] === 0 ? null : counts[i]! / counts[i - 1]!,
  }));
}
