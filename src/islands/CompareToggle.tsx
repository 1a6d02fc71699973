/**
 * "Compare" for one unit (on its page), with the compare tray. Without JavaScript the server-rendered link to
 * the compare page with this unit still works.
 */
import { useState } from 'react';
import { compareHref, rememberUnitName, toggleCompare, useCompareSelection, type UnitNames } from './compare-store.ts';
import { CompareTray, type CompareTrayText } from './CompareTray.tsx';

interface Props {
  unitId: string;
  /** The unit's display name in both languages, so the tray can name it. */
  names?: UnitNames;
  comparePath: string;
  text: CompareTrayText & { add: string; added: string; full: string };
}

export default function CompareToggle({ unitId, names, comparePath, text }: Props) {
  const ids = useCompareSelection();
  const [isFull, setIsFull] = useState(false);
  const isSelected = ids.includes(unitId);
  return (
    <>
      <a
        href={compareHref(comparePath, [unitId])}
        role="button"
        aria-pressed={isSelected}
        onClick={(event) => {
          event.preventDefault();
          if (names) rememberUnitName(unitId, names);
          setIsFull(!toggleCompare(unitId));
        }}
        className={`inline-flex items-center justify-center gap-2 rounded-full border px-5 py-2.5 text-sm font-medium ${isSelected ? 'border-glass-600 bg-glass-600 text-white' : 'border-ink-300 hover:border-ink-900'}`}
      >
        {isSelected ? `✓ ${text.added}` : `+ ${text.add}`}
      </a>
      {isFull && (
        <p role="status" className="mt-2 text-sm text-amber-700">
          {text.full}
        </p>
      )}
      <CompareTray text={text} comparePath={comparePath} />
    </>
  );
}
