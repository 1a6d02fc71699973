/**
 * A unit's plan thumbnail in an island: the same shapes as the server's UnitThumbnail.astro (plan-thumbnail.ts).
 */
import type { PlanThumbnail } from '../lib/plan-thumbnail.ts';

export function PlanThumbnailSvg({
  plan,
  label,
  className,
}: {
  plan: PlanThumbnail;
  label: string;
  className?: string;
}) {
  return (
    <svg className={className} viewBox={plan.viewBox} role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
      <polygon points={plan.floor} fill="#f5f7fa" stroke="#8194ad" strokeWidth="0.4" />
      <polygon points={plan.unit} fill="#1f9d6b" fillOpacity="0.85" stroke="#1f9d6b" strokeWidth="0.5" />
      {plan.features.map((points, i) => (
        <polygon key={i} points={points} fill="#d8dfe8" fillOpacity="0.9" />
      ))}
    </svg>
  );
}
