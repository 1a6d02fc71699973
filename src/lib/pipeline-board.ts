/**
 * What the pipeline board shows: a card per lead and a column per stage. Built on the server
 * (server/pipeline/list-board.ts), drawn by the PipelineBoard island.
 */
import type { Stage } from './pipeline.ts';

export interface BoardCard {
  id: string;
  reference: string;
  companyName: string;
  stage: Stage;
  ownerName: string | null;
  ageDays: number;
  areaMin: number | null;
  areaMax: number | null;
  headcount: number | null;
  unitIds: string[];
  depositStatus: string | null;
  /** What this lead shares with an earlier one (possible duplicate, for staff to merge): `credit_code`, `mobile`, `email`. */
  duplicateReasons: string[];
  source: string;
  track: string;
  /** Estimated annual rent in fen: the units asked about, or else the area asked for at the median rent. */
  valueFen: number;
  /** The total rent of the lead's latest live proposal (drafted, approved, sent or accepted), in fen, if any. */
  proposalValueFen: number | null;
  /** Not answered yet: past its due time, or due soon (server/pipeline/list-board.ts); null once answered. */
  response: 'overdue' | 'due_soon' | null;
  /** When a response is due, as HH:MM in Beijing (for the badge). */
  responseDue: string | null;
  /** The next booked tour, as "MM-DD HH:MM" in Beijing. */
  nextTour: string | null;
}

/** Stages where a lead is worth what its latest proposal asks (total rent), not the list-price estimate. */
const PROPOSAL_STAGES: readonly Stage[] = ['proposal', 'negotiating'];

/** What a card adds to a column in `stage`: the latest proposal's total rent in 报价 and 谈判, else the estimate. */
export function cardValue(card: Pick<BoardCard, 'valueFen' | 'proposalValueFen'>, stage: Stage): number {
  return PROPOSAL_STAGES.includes(stage) && card.proposalValueFen !== null ? card.proposalValueFen : card.valueFen;
}

export interface BoardColumn {
  stage: Stage;
  count: number;
  valueFen: number;
  weightedFen: number;
  cards: BoardCard[];
}
