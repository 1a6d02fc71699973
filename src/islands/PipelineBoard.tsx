/**
 * The pipeline board: one column per stage, lead cards that can be dragged to another column, and, for the
 * keyboard (and touch), a "move to" menu on each card. Moving to Lost asks for a reason; moving a lead with a
 * paid deposit back asks whether to keep the deposit (the server names the amount). Every move is checked and
 * recorded by the server; the board changes only after the server's answer, moving the card and its value
 * between the two columns, and every move or refusal is announced. A strip of stages with counts scrolls the
 * board (which scrolls inside its own region) to any column.
 */
import { useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import type { Lang } from '../i18n/lang.ts';
import { formatAreaRange, formatHeadcount, formatList, formatYuan } from '../lib/format.ts';
import { canMoveStage, LOST_REASONS, OPEN_STAGES, weightedValue, type Stage } from '../lib/pipeline.ts';
import { cardValue, type BoardCard, type BoardColumn } from '../lib/pipeline-board.ts';

interface Props {
  lang: Lang;
  columns: BoardColumn[];
  canEdit: boolean;
  /** Where a card links (plus the lead's id); null for staff who may not open lead pages. */
  leadHref: string | null;
  /** Display names (building, floor, unit) of the units on the cards, by unit id. */
  unitNames: Record<string, string>;
  /** Sources in words, by the board's source code ('direct', 'embed:<id>', a campaign or a host). */
  sourceNames: Record<string, string>;
  text: {
    stages: Record<string, string>;
    lostReasons: Record<string, string>;
    moveTo: string;
    count: string;
    weighted: string;
    days: string;
    unassigned: string;
    deposit: Record<string, string>;
    duplicate: string;
    /** The source of a lead that came without a campaign or an outside referrer. */
    direct: string;
    duplicateReasons: Record<string, string>;
    lostTitle: string;
    lostReason: string;
    lostConfirm: string;
    cancel: string;
    moreCards: string;
    failed: string;
    empty: string;
    moved: string;
    refused: string;
    reservedByDeposit: string;
    notAllowed: string;
    depositTitle: string;
    keepDeposit: string;
    stagesNav: string;
    scrollHint: string;
    compact: string;
    /** "{count} leads", and the label of the open stages' weighted value, for the summary above the board. */
    total: string;
    weightedOpen: string;
    /** Badges: a lead past or near its response due time ({time}), and its next tour ({time}). */
    responseOverdue: string;
    responseSoon: string;
    nextTour: string;
  };
}

/**
 * A native modal dialog (showModal): the browser traps focus inside, closes it on Esc and makes the page behind
 * inert; on closing, focus goes back to the control that opened it.
 */
function Modal({
  labelledBy,
  describedBy,
  onClose,
  children,
}: {
  labelledBy: string;
  describedBy?: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  // Read while rendering, before anything inside the dialog takes focus.
  const opener = useRef(document.activeElement as HTMLElement | null);
  useEffect(() => {
    dialog.current?.showModal();
    const back = opener.current;
    return () => back?.focus();
  }, []);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onClose={onClose}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl bg-white p-6 backdrop:bg-ink-950/50"
    >
      {children}
    </dialog>
  );
}

function need(card: BoardCard, lang: Lang): string {
  if (card.areaMin || card.areaMax) return formatAreaRange(card.areaMin, card.areaMax, lang);
  return card.headcount ? formatHeadcount(card.headcount, lang) : '';
}

export default function PipelineBoard({
  lang,
  columns: initial,
  canEdit,
  leadHref,
  unitNames,
  sourceNames,
  text,
}: Props) {
  const [columns, setColumns] = useState(initial);
  const [dragging, setDragging] = useState<string | undefined>();
  const [askLost, setAskLost] = useState<{ card: BoardCard; reason: string } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const [askDeposit, setAskDeposit] = useState<
    { card: BoardCard; to: Stage; reason: string | undefined; message: string } | undefined
  >();
  const board = useRef<HTMLDivElement>(null);
  // Compact columns show a card's name and its move menu only, so all eight stages fit side by side at 1366 px.
  const [compact, setCompact] = useState(false);

  function locate(leadId: string): BoardCard | undefined {
    for (const column of columns) {
      const card = column.cards.find((c) => c.id === leadId);
      if (card) return card;
    }
    return undefined;
  }

  /** The board after the server moved a card: the card and its value leave one column and join the other. */
  function place(board: BoardColumn[], card: BoardCard, from: Stage, to: Stage): BoardColumn[] {
    return board.map((column) => {
      const without = column.cards.filter((c) => c.id !== card.id);
      const change = column.stage === to ? 1 : column.stage === from ? -1 : 0;
      if (change === 0) return column;
      const valueFen = column.valueFen + change * cardValue(card, column.stage);
      const cards = change > 0 ? [{ ...card, stage: to }, ...without] : without;
      return {
        ...column,
        count: column.count + change,
        valueFen,
        weightedFen: weightedValue(column.stage, valueFen),
        cards,
      };
    });
  }

  function refuse(card: BoardCard, reason: string) {
    setError(reason);
    setAnnouncement(text.refused.replace('{company}', card.companyName).replace('{reason}', reason));
  }

  async function move(card: BoardCard, to: Stage, options: { reason?: string; keepDeposit?: boolean } = {}) {
    if (!canMoveStage(card.stage, to)) {
      if (card.stage !== to) refuse(card, to === 'reserved' ? text.reservedByDeposit : text.notAllowed);
      return;
    }
    if (to === 'lost' && !options.reason) {
      setAskLost({ card, reason: LOST_REASONS[0] });
      return;
    }
    setError(undefined);
    try {
      const response = await fetch(`/api/console/leads/${card.id}/stage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to, ...options }),
      });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        const message: string = body.error?.message?.[lang] ?? text.failed;
        if (body.error?.code === 'deposit_paid') setAskDeposit({ card, to, reason: options.reason, message });
        else refuse(card, message);
        return;
      }
      setColumns((board) => place(board, card, body.from ?? card.stage, body.stage ?? to));
      setAnnouncement(text.moved.replace('{company}', card.companyName).replace('{stage}', text.stages[to] ?? to));
    } catch {
      refuse(card, text.failed);
    }
  }

  const onDrop = (stage: Stage) => (event: DragEvent) => {
    event.preventDefault();
    const card = locate(event.dataTransfer.getData('text/plain'));
    setDragging(undefined);
    if (card) void move(card, stage);
  };

  return (
    <div>
      <p className="mb-3 text-sm text-ink-600 tabular" data-testid="board-summary">
        {text.total.replace('{count}', String(columns.reduce((sum, c) => sum + c.count, 0)))} · {text.weightedOpen}{' '}
        {formatYuan(
          BigInt(columns.filter((c) => OPEN_STAGES.includes(c.stage)).reduce((sum, c) => sum + c.weightedFen, 0)),
          lang,
        )}
      </p>
      <p className="sr-only" aria-live="polite" data-testid="board-announcement">
        {announcement}
      </p>
      {error && (
        <p role="alert" className="mb-4 rounded-lg bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      )}
      <nav aria-label={text.stagesNav} className="mb-3">
        <ul className="flex flex-wrap gap-1.5 text-xs">
          {columns.map((column) => (
            <li key={column.stage}>
              <button
                type="button"
                data-stage-link={column.stage}
                className="rounded-full border border-ink-200 bg-white px-2.5 py-1 hover:border-glass-400"
                onClick={() =>
                  board.current
                    ?.querySelector(`[data-stage="${column.stage}"]`)
                    ?.scrollIntoView({ behavior: 'smooth', block: 'nearest', inline: 'start' })
                }
              >
                {text.stages[column.stage]} <span className="tabular text-ink-600">{column.count}</span>
              </button>
            </li>
          ))}
          <li className="ms-auto">
            <button
              type="button"
              aria-pressed={compact}
              onClick={() => setCompact(!compact)}
              className={`rounded-full border px-2.5 py-1 ${compact ? 'border-ink-900 bg-ink-900 text-white' : 'border-ink-200 bg-white'}`}
            >
              {text.compact}
            </button>
          </li>
        </ul>
        <p className="mt-1 text-xs text-ink-500" aria-hidden="true">
          {text.scrollHint} →
        </p>
      </nav>
      <div
        ref={board}
        className={`relative flex max-w-full ${compact ? 'gap-2' : 'gap-3'} overflow-x-auto overscroll-x-contain pb-4 [scrollbar-width:auto]`}
        role="list"
        tabIndex={0}
        aria-label={text.stagesNav}
      >
        {columns.map((column) => (
          <div
            key={column.stage}
            role="listitem"
            aria-labelledby={`col-${column.stage}`}
            data-stage={column.stage}
            onDragOver={(e) => canEdit && e.preventDefault()}
            onDrop={onDrop(column.stage)}
            className={`flex ${compact ? 'w-[7.5rem] p-1' : 'w-56 p-2'} shrink-0 flex-col rounded-xl ${dragging ? 'bg-glass-300/20 ring-1 ring-glass-400/40' : 'bg-ink-100'}`}
          >
            <header className="px-2 pb-2 pt-1">
              <h2 id={`col-${column.stage}`} className="flex items-center justify-between text-sm font-semibold">
                {text.stages[column.stage]}{' '}
                <span className="rounded-full bg-white px-2 text-xs tabular text-ink-600">{column.count}</span>
              </h2>
              <p className="mt-0.5 text-xs text-ink-600 tabular">
                {text.weighted} {formatYuan(BigInt(column.weightedFen), lang)}
              </p>
            </header>
            <ul className="flex min-h-16 flex-col gap-2">
              {column.cards.length === 0 && (
                <li className="px-2 py-4 text-center text-xs text-ink-600">{text.empty}</li>
              )}
              {column.cards.map((card) => (
                <li
                  key={card.id}
                  draggable={canEdit}
                  onDragStart={(e) => {
                    e.dataTransfer.setData('text/plain', card.id);
                    setDragging(card.id);
                  }}
                  onDragEnd={() => setDragging(undefined)}
                  data-lead={card.reference}
                  className={`rounded-lg border border-ink-200 bg-white ${compact ? 'break-words p-1.5 text-xs' : 'p-3 text-sm'} shadow-sm ${canEdit ? 'cursor-grab active:cursor-grabbing' : ''} ${dragging === card.id ? 'opacity-50' : ''}`}
                >
                  {leadHref === null ? (
                    <span className="font-semibold leading-snug">{card.companyName}</span>
                  ) : (
                    <a href={`${leadHref}${card.id}`} className="font-semibold leading-snug hover:text-glass-600">
                      {card.companyName}
                    </a>
                  )}
                  {card.companyName !== card.reference && (
                    <p className="mt-1 font-mono text-[11px] text-ink-500">{card.reference}</p>
                  )}
                  {card.response && (
                    <p
                      className={`mt-1 rounded px-1 text-xs font-semibold ${card.response === 'overdue' ? 'bg-red-100 text-red-900' : 'bg-amber-100 text-amber-900'}`}
                      data-response={card.response}
                    >
                      {(card.response === 'overdue' ? text.responseOverdue : text.responseSoon).replace(
                        '{time}',
                        card.responseDue ?? '',
                      )}
                    </p>
                  )}
                  {card.nextTour && (
                    <p className="mt-1 text-xs text-glass-700" data-next-tour>
                      {text.nextTour.replace('{time}', card.nextTour)}
                    </p>
                  )}
                  {!compact && (
                    <>
                      <p className="mt-1 text-xs text-ink-600">
                        {[
                          need(card, lang),
                          formatList(
                            card.unitIds.slice(0, 3).map((id) => unitNames[id] ?? id),
                            lang,
                          ),
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </p>
                      <p className="mt-1 flex flex-wrap gap-x-2 text-xs text-ink-500">
                        <span>{card.ownerName ?? text.unassigned}</span>
                        <span className="tabular">
                          {card.ageDays} {text.days}
                        </span>
                        <span>{sourceNames[card.source] ?? card.source}</span>
                        {card.depositStatus && (
                          <span className="rounded bg-violet-50 px-1 text-violet-800">
                            {text.deposit[card.depositStatus] ?? card.depositStatus}
                          </span>
                        )}
                        {card.duplicateReasons.length > 0 && (
                          <span className="rounded bg-amber-50 px-1 text-amber-900" data-testid="duplicate-badge">
                            {text.duplicate}:{' '}
                            {formatList(
                              card.duplicateReasons.map((r) => text.duplicateReasons[r] ?? r),
                              lang,
                            )}
                          </span>
                        )}
                      </p>
                    </>
                  )}
                  {canEdit && (
                    <label className="mt-2 block text-xs text-ink-500">
                      <span className="sr-only">
                        {text.moveTo} ({card.companyName})
                      </span>
                      <select
                        className="w-full rounded border border-ink-200 bg-ink-50 px-1.5 py-1 text-xs"
                        value=""
                        onChange={(e) => e.target.value && void move(card, e.target.value as Stage)}
                        aria-label={`${text.moveTo} – ${card.companyName}`}
                      >
                        <option value="">{text.moveTo}…</option>
                        {columns
                          .filter((c) => canMoveStage(card.stage, c.stage))
                          .map((c) => (
                            <option key={c.stage} value={c.stage}>
                              {text.stages[c.stage]}
                            </option>
                          ))}
                      </select>
                    </label>
                  )}
                </li>
              ))}
              {column.count > column.cards.length && (
                <li className="px-2 text-xs text-ink-600">
                  {text.moreCards.replace('{count}', String(column.count - column.cards.length))}
                </li>
              )}
            </ul>
          </div>
        ))}
      </div>
      {askLost && (
        <Modal labelledBy="lost-title" onClose={() => setAskLost(undefined)}>
          <form
            method="dialog"
            onSubmit={(e) => {
              e.preventDefault();
              const { card, reason } = askLost;
              setAskLost(undefined);
              void move(card, 'lost', { reason });
            }}
          >
            <h2 id="lost-title" className="text-lg font-semibold">
              {text.lostTitle}
            </h2>
            <p className="mt-1 text-sm text-ink-600">{askLost.card.companyName}</p>
            <label htmlFor="lost-reason" className="mt-4 block text-sm font-medium">
              {text.lostReason}
            </label>
            <select
              id="lost-reason"
              autoFocus
              className="mt-1 w-full rounded-lg border border-ink-300 px-3 py-2"
              value={askLost.reason}
              onChange={(e) => setAskLost({ ...askLost, reason: e.target.value })}
            >
              {LOST_REASONS.map((r) => (
                <option key={r} value={r}>
                  {text.lostReasons[r]}
                </option>
              ))}
            </select>
            <div className="mt-5 flex justify-end gap-2 text-sm">
              <button type="button" className="rounded-full px-4 py-2" onClick={() => setAskLost(undefined)}>
                {text.cancel}
              </button>
              <button className="rounded-full bg-ink-900 px-4 py-2 font-semibold text-white">{text.lostConfirm}</button>
            </div>
          </form>
        </Modal>
      )}
      {askDeposit && (
        <Modal labelledBy="deposit-title" describedBy="deposit-message" onClose={() => setAskDeposit(undefined)}>
          <h2 id="deposit-title" className="text-lg font-semibold">
            {text.depositTitle}
          </h2>
          <p className="mt-1 text-sm text-ink-600">
            {askDeposit.card.companyName} → {text.stages[askDeposit.to]}
          </p>
          <p id="deposit-message" className="mt-3 text-sm">
            {askDeposit.message}
          </p>
          <div className="mt-5 flex justify-end gap-2 text-sm">
            <button type="button" autoFocus className="rounded-full px-4 py-2" onClick={() => setAskDeposit(undefined)}>
              {text.cancel}
            </button>
            <button
              type="button"
              className="rounded-full bg-ink-900 px-4 py-2 font-semibold text-white"
              onClick={() => {
                const { card, to, reason } = askDeposit;
                setAskDeposit(undefined);
                void move(card, to, { keepDeposit: true, ...(reason ? { reason } : {}) });
              }}
            >
              {text.keepDeposit}
            </button>
          </div>
        </Modal>
      )}
    </div>
  );
}
