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
}

export interface BoardColumn {
  stage: Stage;
  count: number;
  valueFen: number;
  weightedFen: number;
  cards: BoardCard[];
}
