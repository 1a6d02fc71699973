/**
 * The search results on floor plans (`?view=map`): one schematic plan per floor that has results, the matching
 * units drawn where they are and linked to their pages, grouped by building. Same filters as the list.
 */
import type { Lang } from '../i18n/lang.ts';
import { formatArea, formatFloorName } from '../lib/format.ts';
import type { UnitSummary } from '../lib/unit-summary.ts';

interface FloorGroup {
  key: string;
  title: string;
  units: UnitSummary[];
}

/** Results grouped by building and floor, in the order they first appear (the chosen sort). */
function groupByFloor(units: readonly UnitSummary[], lang: Lang): FloorGroup[] {
  const groups = new Map<string, FloorGroup>();
  for (const u of units) {
    if (!u.plan) continue;
    const key = `${u.building.slug}:${u.level}`;
    const group = groups.get(key) ?? {
      key,
      title: formatFloorName(u.building.name[lang], u.level, lang),
      units: [],
    };
    group.units.push(u);
    groups.set(key, group);
  }
  return [...groups.values()];
}

interface Props {
  units: readonly UnitSummary[];
  lang: Lang;
  unitHref: (id: string) => string;
  hint: string;
  statusLabels: Record<string, string>;
}

export function ResultsPlanView({ units, lang, unitHref, hint, statusLabels }: Props) {
  const groups = groupByFloor(units, lang);
  return (
    <div className="mt-4">
      <p className="text-sm text-ink-600">{hint}</p>
      <div className="mt-4 grid gap-4 xl:grid-cols-2">
        {groups.map((g) => {
          const plan = g.units[0]!.plan!;
          return (
            <section key={g.key} aria-label={g.title} className="rounded-2xl border border-ink-200 bg-white p-4">
              <h3 className="font-semibold">{g.title}</h3>
              <svg viewBox={plan.viewBox} className="mt-3 max-h-64 w-full" role="group" aria-label={g.title}>
                <polygon points={plan.floor} fill="#f5f7fa" stroke="#8194ad" strokeWidth="0.4" />
                {plan.features.map((points, i) => (
                  <polygon key={i} points={points} fill="#d8dfe8" />
                ))}
                {g.units.map((u) => (
                  <a
                    key={u.id}
                    href={unitHref(u.id)}
                    aria-label={`${u.name[lang]} · ${formatArea(u.grossArea, lang)} · ${statusLabels[u.status]}`}
                  >
                    <polygon
                      points={u.plan!.unit}
                      fill={u.status === 'available' ? '#1f9d6b' : '#8194ad'}
                      fillOpacity="0.85"
                      stroke="#ffffff"
                      strokeWidth="0.5"
                    />
                    <text
                      x={u.plan!.centre[0]}
                      y={u.plan!.centre[1]}
                      textAnchor="middle"
                      dominantBaseline="central"
                      fontSize="2.6"
                      fontWeight="600"
                      fill="#ffffff"
                    >
                      {u.number}
                    </text>
                  </a>
                ))}
              </svg>
              <ul className="mt-3 flex flex-wrap gap-2 text-sm">
                {g.units.map((u) => (
                  <li key={u.id}>
                    <a
                      href={unitHref(u.id)}
                      className="inline-flex min-h-11 items-center rounded-full border border-ink-300 px-3 hover:border-ink-900 tabular"
                    >
                      {u.number} · {formatArea(u.grossArea, lang)}
                      {u.status === 'available' ? '' : ` · ${statusLabels[u.status]}`}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}
