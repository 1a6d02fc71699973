/**
 * The bar above a floor plan: zoom out, zoom in and "whole floor" buttons, a scale bar and a north arrow. It
 * sits outside the drawing so no control ever covers a unit, and its buttons are 44 px targets on a phone.
 */
import type { ScaleBar } from '../lib/plan-scale.ts';

export interface PlanToolLabels {
  toolbar: string;
  /** Names the map region apart from the section around it (two landmarks may not share a name). */
  map: string;
  zoomIn: string;
  zoomOut: string;
  fit: string;
  /** "Scale bar {metres} m": the template the bar's accessible name is filled from. */
  scale: string;
  north: string;
  northArrow: string;
}

interface Props {
  labels: PlanToolLabels;
  scale: ScaleBar | null;
  canZoomIn: boolean;
  canZoomOut: boolean;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFit: () => void;
}

const BUTTON =
  'inline-flex size-11 items-center justify-center rounded-md border border-ink-200 bg-white text-ink-900 hover:border-ink-500 disabled:cursor-not-allowed disabled:text-ink-400 sm:size-9';

export default function PlanToolbar({ labels, scale, canZoomIn, canZoomOut, onZoomIn, onZoomOut, onFit }: Props) {
  const scaleName = scale ? labels.scale.replace('{metres}', String(scale.metres)) : undefined;
  return (
    <div className="mb-2 flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
      <div role="group" aria-label={labels.toolbar} className="flex items-center gap-1.5">
        {[
          { label: labels.zoomOut, isEnabled: canZoomOut, onClick: onZoomOut, icon: 'M4 10h12' },
          { label: labels.zoomIn, isEnabled: canZoomIn, onClick: onZoomIn, icon: 'M4 10h12M10 4v12' },
        ].map((b) => (
          <button
            key={b.label}
            type="button"
            className={BUTTON}
            aria-label={b.label}
            title={b.label}
            disabled={!b.isEnabled}
            onClick={b.onClick}
          >
            <svg viewBox="0 0 20 20" className="size-5" aria-hidden="true">
              <path d={b.icon} stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            </svg>
          </button>
        ))}
        <button type="button" className={`${BUTTON} w-auto! px-3 text-sm`} onClick={onFit}>
          {labels.fit}
        </button>
      </div>
      <div className="flex items-center gap-4 text-xs text-ink-700">
        {scale && (
          <div
            role="img"
            aria-label={scaleName}
            className="flex flex-col items-start gap-0.5"
            data-scale-bar
            data-metres={scale.metres}
          >
            <span className="tabular font-medium" aria-hidden="true">
              {scale.metres} m
            </span>
            <span
              data-scale-bar-line
              className="block h-2 border-x-2 border-b-2 border-ink-900"
              style={{ width: `${scale.length}px` }}
            />
          </div>
        )}
        <svg viewBox="0 0 24 30" className="h-9 w-7" role="img" aria-label={labels.northArrow} data-north-arrow>
          <path d="M12 11 L18 27 L12 23 L6 27 Z" fill="#13233d" />
          <text x="12" y="9" textAnchor="middle" fontSize="9" fontWeight="700" fill="#13233d">
            {labels.north}
          </text>
        </svg>
      </div>
    </div>
  );
}
