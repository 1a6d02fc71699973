/**
 * The contact form's "units of interest": chosen units as ticked boxes (named by building, floor and number),
 * and a combobox to find more by typing part of a name in Chinese or English ("科研2号楼 102", "R&D 2 102").
 * Without JavaScript the boxes still untick and the text field is sent as typed; the server reads ids or names.
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { formatMessage } from '../i18n/format-message.ts';
import { otherLang, type Lang } from '../i18n/lang.ts';
import { LEAD_LIMITS } from '../lib/lead-fields.ts';
import { matchUnitChoices, type UnitChoice } from '../lib/unit-ref.ts';

interface UnitPickerText {
  label: string;
  hint: string;
  search: string;
  noMatch: string;
  chosen: string;
  added: string;
  removed: string;
  options: string;
}

interface Props {
  lang: Lang;
  text: UnitPickerText;
  choices: UnitChoice[];
  initialIds: string[];
  /** What was typed and sent back after a refused post without JavaScript. */
  initialText: string;
  inputId: string;
  errorId?: string | undefined;
}

const input =
  'mt-1 w-full rounded-lg border border-ink-300 bg-white px-3 py-2 text-sm focus:border-glass-600 focus:outline-none focus:ring-2 focus:ring-glass-400/40 aria-[invalid=true]:border-red-500';

export function UnitPicker({ lang, text, choices, initialIds, initialText, inputId, errorId }: Props) {
  const listId = useId();
  const hintId = `${inputId}-hint`;
  const byId = useMemo(() => new Map(choices.map((c) => [c.id, c])), [choices]);
  const [chosen, setChosen] = useState<string[]>(initialIds.filter((id) => byId.has(id)));
  const [query, setQuery] = useState(initialText);
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const nameOf = (id: string) => byId.get(id)?.[lang] ?? id;
  const matches = useMemo(
    () =>
      query.trim()
        ? matchUnitChoices(
            query,
            choices.filter((c) => !chosen.includes(c.id)),
          )
        : [],
    [query, chosen, choices],
  );
  const isListShown = isOpen && query.trim() !== '';

  function choose(choice: UnitChoice) {
    if (chosen.length >= LEAD_LIMITS.units) return;
    setChosen([...chosen, choice.id]);
    setQuery('');
    setIsOpen(false);
    setActive(0);
    setAnnouncement(formatMessage(text.added, { unit: choice[lang] }));
  }

  function unchoose(id: string) {
    setChosen(chosen.filter((x) => x !== id));
    setAnnouncement(formatMessage(text.removed, { unit: nameOf(id) }));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setIsOpen(true);
      if (matches.length > 0)
        setActive((i) =>
          event.key === 'ArrowDown' ? (i + 1) % matches.length : (i - 1 + matches.length) % matches.length,
        );
    } else if (event.key === 'Enter' && isListShown && matches[active]) {
      event.preventDefault();
      choose(matches[active]!);
    } else if (event.key === 'Escape' && isListShown) {
      event.preventDefault();
      setIsOpen(false);
    }
  }

  const optionId = (i: number) => `${listId}-o${i}`;
  return (
    <div>
      <label htmlFor={inputId} className="block text-sm font-medium text-ink-800">
        {text.label}
      </label>
      {chosen.length > 0 && (
        <div className="mt-1 flex flex-wrap gap-2" role="group" aria-label={text.chosen}>
          {chosen.map((id) => (
            <label
              key={id}
              className="inline-flex min-h-11 items-center gap-2 rounded-full border border-glass-600 bg-glass-50 px-3 text-sm"
            >
              <input
                type="checkbox"
                name="unitIds"
                value={id}
                checked
                onChange={() => unchoose(id)}
                className="size-4 accent-glass-600"
              />
              {nameOf(id)}
            </label>
          ))}
        </div>
      )}
      <div className="relative">
        <input
          id={inputId}
          name="unitIds"
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={isListShown}
          aria-controls={listId}
          aria-activedescendant={isListShown && matches[active] ? optionId(active) : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(' ')}
          aria-invalid={Boolean(errorId)}
          placeholder={text.search}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setIsOpen(true);
            setActive(0);
          }}
          onFocus={(e) => {
            setIsOpen(true);
            // On a phone the on-screen keyboard takes the lower half: bring the field up so its choices show.
            if (window.innerWidth < 640) e.currentTarget.scrollIntoView({ block: 'start' });
          }}
          onBlur={() => setIsOpen(false)}
          onKeyDown={onKeyDown}
          className={`${input} scroll-mt-24`}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label={text.label}
          hidden={!isListShown}
          className="absolute inset-x-0 top-full z-20 mt-1 max-h-72 overflow-y-auto rounded-lg border border-ink-200 bg-white py-1 shadow-lg"
        >
          {matches.map((c, i) => (
            <li
              key={c.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(c)}
              onMouseEnter={() => setActive(i)}
              className={`cursor-pointer px-3 py-2.5 text-sm ${i === active ? 'bg-glass-50 text-ink-950' : 'text-ink-800'}`}
            >
              {c[lang]}
              <span className="ml-2 text-xs text-ink-500" lang={otherLang(lang)}>
                {c[otherLang(lang)]}
              </span>
            </li>
          ))}
          {matches.length === 0 && (
            <li role="option" aria-selected={false} aria-disabled="true" className="px-3 py-2.5 text-sm text-ink-600">
              {text.noMatch}
            </li>
          )}
        </ul>
      </div>
      <p id={hintId} className="mt-1 text-xs text-ink-500">
        {text.hint}
      </p>
      <p className="sr-only" aria-live="polite">
        {isListShown ? formatMessage(text.options, { count: matches.length }) : announcement}
      </p>
    </div>
  );
}
