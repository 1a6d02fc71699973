/**
 * A bar fixed to the bottom of the screen with the units picked for comparison and a link to compare them.
 * Rendered by the islands that offer "compare" toggles; hidden while nothing is picked.
 */
import {
  compareHref,
  MAX_COMPARE,
  setCompare,
  toggleCompare,
  unitNameOf,
  useCompareSelection,
} from './compare-store.ts';

export interface CompareTrayText {
  trayTitle: string;
  open: string;
  clear: string;
  remove: string;
}

export function CompareTray({ text, comparePath }: { text: CompareTrayText; comparePath: string }) {
  const ids = useCompareSelection();
  if (ids.length === 0) return null;
  // Only rendered in the browser (the selection is empty on the server), so the page's language is at hand.
  const lang = document.documentElement.lang.startsWith('en') ? 'en' : 'zh';
  const nameOf = (id: string) => unitNameOf(id, lang) ?? id.toUpperCase();
  return (
    <div
      role="region"
      aria-label={text.trayTitle}
      className="fixed inset-x-0 bottom-0 z-40 border-t border-ink-700 bg-ink-900/95 text-white shadow-2xl"
    >
      <div className="container-page flex flex-wrap items-center gap-3 py-3 text-sm">
        <span className="font-semibold">
          {text.trayTitle} {ids.length}/{MAX_COMPARE}
        </span>
        <ul className="flex flex-wrap gap-2">
          {ids.map((id) => (
            <li key={id}>
              <button
                type="button"
                onClick={() => toggleCompare(id)}
                className="inline-flex items-center gap-1 rounded-full bg-white/10 px-3 py-1 hover:bg-white/20"
                aria-label={`${text.remove} ${nameOf(id)}`}
              >
                {nameOf(id)} <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
        <span className="ml-auto flex gap-2">
          <button
            type="button"
            onClick={() => setCompare([])}
            className="rounded-full px-3 py-1.5 text-ink-200 hover:text-white"
          >
            {text.clear}
          </button>
          <a
            href={compareHref(comparePath, ids)}
            className="rounded-full bg-gold-400 px-4 py-1.5 font-semibold text-ink-950 hover:bg-gold-300"
          >
            {text.open}
          </a>
        </span>
      </div>
    </div>
  );
}
