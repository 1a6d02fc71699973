/**
 * One search result: titled by the unit's display name (building, floor, number), with a plan thumbnail, the key
 * figures and a "compare" checkbox.
 */
import { formatMessage } from '../i18n/format-message.ts';
import type { Lang } from '../i18n/lang.ts';
import { formatArea, formatAvailability, formatRentRate, formatYuan } from '../lib/format.ts';
import type { UnitSummary } from '../lib/unit-summary.ts';
import { PlanThumbnailSvg } from './PlanThumbnailSvg.tsx';

export interface UnitCardLabels {
  status: Record<string, string>;
  fitOut: Record<string, string>;
  unitKind: Record<string, string>;
  perSqmDay: string;
  availableNow: string;
  availableFrom: string;
  grossArea: string;
  perMonth: string;
  planOf: string;
  add: string;
  added: string;
}

interface Props {
  unit: UnitSummary;
  lang: Lang;
  labels: UnitCardLabels;
  href: string;
  today: string;
  isCompared: boolean;
  onToggleCompare: () => void;
}

export function UnitCard({ unit: u, lang, labels, href, today, isCompared, onToggleCompare }: Props) {
  const name = u.name[lang];
  return (
    <li className="flex flex-col overflow-hidden rounded-2xl border border-ink-200 bg-white">
      {u.plan && (
        <PlanThumbnailSvg
          plan={u.plan}
          label={formatMessage(labels.planOf, { unit: name })}
          className="h-20 w-full border-b border-ink-100 bg-ink-50 p-2"
        />
      )}
      <div className="flex flex-1 flex-col p-5">
        <div className="flex items-center justify-between gap-3">
          <p className="text-xs text-ink-500">{labels.unitKind[u.kind]}</p>
          <span
            className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ${u.status === 'available' ? 'bg-emerald-50 text-emerald-800' : 'bg-ink-100 text-ink-600'}`}
          >
            {labels.status[u.status]}
          </span>
        </div>
        <h3 className="mt-1 text-lg font-semibold leading-snug">
          <a href={href} className="hover:text-glass-600">
            {name}
          </a>
        </h3>
        <dl className="mt-4 grid grid-cols-2 gap-3 text-sm">
          <div>
            <dt className="text-ink-500">{labels.grossArea}</dt>
            <dd className="font-semibold tabular">{formatArea(u.grossArea, lang)}</dd>
          </div>
          <div>
            <dt className="text-ink-500">{labels.perSqmDay}</dt>
            <dd className="font-semibold tabular">{formatRentRate(u.listRentPerSqmDay, lang)}</dd>
          </div>
          <div>
            <dt className="text-ink-500">{labels.perMonth}</dt>
            <dd className="tabular">{formatYuan(BigInt(u.rentPerMonthFen), lang)}</dd>
          </div>
          <div>
            <dt className="text-ink-500">{labels.availableFrom}</dt>
            <dd>{formatAvailability(u.availableFrom, u.status, today, lang)}</dd>
          </div>
        </dl>
        <p className="mt-3 text-xs text-ink-500 tabular">
          {labels.fitOut[u.fitOut]} · {u.ceilingHeightM} m · {u.floorLoadKnPerSqm} kN/㎡ · {u.powerKva} kVA
        </p>
        <div className="mt-auto pt-4">
          <label className="flex items-center gap-2 border-t border-ink-100 pt-3 text-sm">
            <input
              type="checkbox"
              name="units"
              value={u.id}
              form="compare-form"
              checked={isCompared}
              className="size-4 accent-glass-600"
              onChange={onToggleCompare}
            />
            {isCompared ? labels.added : labels.add}
          </label>
        </div>
      </div>
    </li>
  );
}
