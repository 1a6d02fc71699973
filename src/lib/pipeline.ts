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

export const LOST_REASONS = ['price', 'size', 'location', 'timing', 'chose_competitor', 'no_response', 'other'] as const;
export type LostReason = (typeof LOST_REASONS)[number];

/** Whether a lead may move from one stage to another; signed is final, a lost lead can only be reopened. */
export function canMoveStage(from: Stage, to: Stage): boolean {
  if (from === to || from === 'signed') return false;
  if (from === 'lost') return to === 'new' || to === 'contacted';
  return true;
}
