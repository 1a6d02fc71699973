/**
 * The pipeline board: one column per stage, lead cards that can be dragged to another column, and, for the
 * keyboard (and touch), a "move to" menu on each card. Moving to Lost asks for a reason. Every move is checked
 * and recorded by the server; a refused move snaps back with the server's message.
 */
import { useState, type DragEvent } from 'react';
import type { Lang } from '../i18n/lang.ts';
import { formatYuan } from '../lib/format.ts';
import { canMoveStage, LOST_REASONS, type Stage } from '../lib/pipeline.ts';
import type { BoardCard, BoardColumn } from '../server/pipeline/list-board.ts';

interface Props {
  lang: Lang;
  columns: BoardColumn[];
  canEdit: boolean;
  /** Where a card links (plus the lead's id); null for staff who may not open lead pages. */
  leadHref: string | null;
  text: {
    stages: Record<string, string>;
    lostReasons: Record<string, string>;
    moveTo: string;
    count: string;
    weighted: string;
    days: string;
    deposit: Record<string, string>;
    duplicate: string;
    /** The source of a lead that came without a campaign or an outside referrer. */
    direct: string;
    duplicateReasons: Record<string, string>;
    lostTitle: string;
    lostConfirm: string;
    cancel: string;
    moreCards: string;
    failed: string;
    empty: string;
  };
}

function need(card: BoardCard, lang: Lang): string {
  const unit = lang === 'zh' ? '㎡' : 'm²';
  if (card.areaMin && card.areaMax) return `${card.areaMin}–${card.areaMax} ${unit}`;
  if (card.areaMin) return `≥ ${card.areaMin} ${unit}`;
  if (card.areaMax) return `≤ ${card.areaMax} ${unit}`;
  if (card.headcount) return lang === 'zh' ? `${card.headcount} 人` : `${card.headcount} people`;
  return '';
}

export default function PipelineBoard({ lang, columns: initial, canEdit, leadHref, text }: Props) {
  const [columns, setColumns] = useState(initial);
  const [dragging, setDragging] = useState<string | undefined>();
  const [askLost, setAskLost] = useState<{ card: BoardCard; reason: string } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');

  function locate(leadId: string): BoardCard | undefined {
    for (const column of columns) {
      const card = column.cards.find((c) => c.id === leadId);
      if (card) return card;
    }
    return undefined;
  }

  function place(card: BoardCard, to: Stage): BoardColumn[] {
    return columns.map((column) => {
      const without = column.cards.filter((c) => c.id !== card.id);
      if (column.stage === to) return { ...column, count: column.count + 1, cards: [{ ...card, stage: to }, ...without] };
      if (column.stage === card.stage) return { ...column, count: column.count - 1, cards: without };
      return column;
    });
  }

  async function move(card: BoardCard, to: Stage, reason?: string) {
    if (!canMoveStage(card.stage, to)) return;
    if (to === 'lost' && !reason) {
      setAskLost({ card, reason: LOST_REASONS[0] });
      return;
    }
    const before = columns;
    setColumns(place(card, to));
    setError(undefined);
    try {
      const response = await fetch(`/api/console/leads/${card.id}/stage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to, ...(reason ? { reason } : {}) }),
      });
      if (!response.ok) {
        const body = await response.json().catch(() => ({}));
        setColumns(before);
        setError(body.error?.message?.[lang] ?? text.failed);
        return;
      }
      setAnnouncement(`${card.companyName} → ${text.stages[to]}`);
    } catch {
      setColumns(before);
      setError(text.failed);
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
      <p className="sr-only" aria-live="polite">{announcement}</p>
      {error && <p role="alert" className="mb-4 rounded-lg bg-red-50 p-3 text-sm text-red-800">{error}</p>}
      <div className="flex gap-3 overflow-x-auto pb-4" role="list">
        {columns.map((column) => (
          <section
            key={column.stage}
            role="listitem"
            aria-labelledby={`col-${column.stage}`}
            data-stage={column.stage}
            onDragOver={(e) => canEdit && e.preventDefault()}
            onDrop={onDrop(column.stage)}
            className={`flex w-64 shrink-0 flex-col rounded-xl p-2 ${dragging ? 'bg-glass-300/20 ring-1 ring-glass-400/40' : 'bg-ink-100'}`}
          >
            <header className="px-2 pb-2 pt-1">
              <h2 id={`col-${column.stage}`} className="flex items-center justify-between text-sm font-semibold">
                {text.stages[column.stage]} <span className="rounded-full bg-white px-2 text-xs tabular text-ink-600">{column.count}</span>
              </h2>
              <p className="mt-0.5 text-xs text-ink-600 tabular">{text.weighted} {formatYuan(BigInt(column.weightedFen), lang)}</p>
            </header>
            <ul className="flex min-h-16 flex-col gap-2">
              {column.cards.length === 0 && <li className="px-2 py-4 text-center text-xs text-ink-600">{text.empty}</li>}
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
                  className={`rounded-lg border border-ink-200 bg-white p-3 text-sm shadow-sm ${canEdit ? 'cursor-grab active:cursor-grabbing' : ''} ${dragging === card.id ? 'opacity-50' : ''}`}
                >
                  {leadHref === null ? <span className="font-semibold leading-snug">{card.companyName}</span> : <a href={`${leadHref}${card.id}`} className="font-semibold leading-snug hover:text-glass-600">{card.companyName}</a>}
                  {card.companyName !== card.reference && <p className="mt-1 font-mono text-[11px] text-ink-500">{card.reference}</p>}
                  <p className="mt-1 text-xs text-ink-600">{[need(card, lang), card.unitIds.slice(0, 3).join(' ')].filter(Boolean).join(' · ')}</p>
                  <p className="mt-1 flex flex-wrap gap-x-2 text-xs text-ink-500">
                    <span>{card.ownerName ?? '—'}</span>
                    <span className="tabular">{card.ageDays} {text.days}</span>
                    <span>{card.source === 'direct' ? text.direct : card.source}</span>
                    {card.depositStatus && <span className="rounded bg-violet-50 px-1 text-violet-800">{text.deposit[card.depositStatus] ?? card.depositStatus}</span>}
                    {card.duplicateReasons.length > 0 && (
                      <span className="rounded bg-amber-50 px-1 text-amber-900" data-testid="duplicate-badge">
                        {text.duplicate}: {card.duplicateReasons.map((r) => text.duplicateReasons[r] ?? r).join(lang === 'zh' ? '、' : ', ')}
                      </span>
                    )}
                  </p>
                  {canEdit && (
                    <label className="mt-2 block text-xs text-ink-500">
                      <span className="sr-only">{text.moveTo} ({card.companyName})</span>
                      <select
                        className="w-full rounded border border-ink-200 bg-ink-50 px-1.5 py-1 text-xs"
                        value=""
                        onChange={(e) => e.target.value && void move(card, e.target.value as Stage)}
                        aria-label={`${text.moveTo} – ${card.companyName}`}
                      >
                        <option value="">{text.moveTo}…</option>
                        {columns.filter((c) => canMoveStage(card.stage, c.stage)).map((c) => (
                          <option key={c.stage} value={c.stage}>{text.stages[c.stage]}</option>
                        ))}
                      </select>
                    </label>
                  )}
                </li>
              ))}
              {column.count > column.cards.length && <li className="px-2 text-xs text-ink-600">{text.moreCards.replace('{count}', String(column.count - column.cards.length))}</li>}
            </ul>
          </section>
        ))}
      </div>
      {askLost && (
        <div role="dialog" aria-modal="true" aria-labelledby="lost-title" className="fixed inset-0 z-50 flex items-center justify-center bg-ink-950/50 p-4">
          <form
            className="w-full max-w-sm rounded-2xl bg-white p-6"
            onSubmit={(e) => {
              e.preventDefault();
              const { card, reason } = askLost;
              setAskLost(undefined);
              void move(card, 'lost', reason);
            }}
          >
            <h2 id="lost-title" className="text-lg font-semibold">{text.lostTitle}</h2>
            <p className="mt-1 text-sm text-ink-600">{askLost.card.companyName}</p>
            <select autoFocus className="mt-4 w-full rounded-lg border border-ink-300 px-3 py-2" value={askLost.reason} onChange={(e) => setAskLost({ ...askLost, reason: e.target.value })}>
              {LOST_REASONS.map((r) => <option key={r} value={r}>{text.lostReasons[r]}</option>)}
            </select>
            <div className="mt-5 flex justify-end gap-2 text-sm">
              <button type="button" className="rounded-full px-4 py-2" onClick={() => setAskLost(undefined)}>{text.cancel}</button>
              <button className="rounded-full bg-ink-900 px-4 py-2 font-semibold text-white">{text.lostConfirm}</button>
            </div>
          </form>
        </div>
      )}
    </div>
  );
}
