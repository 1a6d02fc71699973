/**
 * The leasing pipeline (DESIGN.md): stages in order, their default win probabilities for the weighted pipeline,
 * and which moves are allowed. Pure, so the board island and the server agree.
 */
export const STAGES = ['new', 'contacted', 'touring', 'proposal', 'reserved', 'negotiating', 'signed', 'lost'] as const;
export type Stage = (typeof STAGES)[number];
export const OPEN_STAGES: readonly Stage[] = ['new', 'contacted', 'touring', 'proposal', 'reserved', 'negotiating'];

/** Default chance that a lead in each stage signs, for the weighted pipeline. */
export const WIN_PROBABILITY: Record<Stage, number> = {
  new: 0.05,
  contacted: 0.1,
  touring: 0.25,
  proposal: 0.45,
  reserved: 0.7,
  negotiating: 0.8,
  signed: 1,
  lost: 0,
};

/** A column's weighted value: its leads' value times the stage's win probability, in whole fen. */
export function weightedValue(stage: Stage, valueFen: number): number {
  return Math.round(valueFen * WIN_PROBABILITY[stage]);
}

export const LOST_REASONS = [
  'price',
  'size',
  'location',
  'timing',
  'chose_competitor',
  'no_response',
  'other',
] as const;

/** Stages before Reserved: moving a lead with a paid deposit back into one of them (or to Lost) asks about the deposit. */
export const STAGES_BEFORE_RESERVED = ['new', 'contacted', 'touring', 'proposal'] as const satisfies readonly Stage[];

/**
 * Whether staff may move a lead from one stage to another by hand; signed is final, a lost lead can only be
 * reopened, and Reserved is reached only through a paid deposit (DESIGN.md), never by hand.
 */
export function canMoveStage(from: Stage, to: Stage): boolean {
  if (from === to || from === 'signed' || to === 'reserved') return false;
  if (from === 'lost') return to === 'new' || to === 'contacted';
  return true;
}

/** Whether moving to this stage gives up the reservation a paid deposit stands for (back before Reserved, or Lost). */
export function leavesReservation(to: Stage): boolean {
  return to === 'lost' || (STAGES_BEFORE_RESERVED as readonly Stage[]).includes(to);
}
