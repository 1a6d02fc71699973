/**
 * Unit search: the filter form and its results. Rendered on the server, so with JavaScript off it is a plain
 * GET form whose results come with the page. With JavaScript it updates the results as filters change,
 * without a page load, keeping the query in the URL (shareable; back and forward work).
 */
import { useEffect, useMemo, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { formatMessage } from '../i18n/format-message.ts';
import type { Lang } from '../i18n/lang.ts';
import { formatArea, formatAvailability, formatRentRate, formatYuan } from '../lib/format.ts';
import { levelShort } from '../lib/levels.ts';
import { DEFAULT_QUERY, FIT_OUTS, SORTS } from '../lib/unit-search-params.ts';
import type { UnitSummary } from '../server/inventory/unit-summary.ts';
import { toggleCompare, useCompareSelection } from './compare-store.ts';
import { CompareTray, type CompareTrayText } from './CompareTray.tsx';

export interface SearchResultJson {
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  units: UnitSummary[];
}

export interface SearchText {
  filters: string; building: string; anyBuilding: string; floor: string; area: string; rent: string; min: string; max: string;
  fitOut: string; availableBy: string; minLoad: string; minCeiling: string; minPower: string; any: string; includeAll: string;
  sort: string; sorts: Record<string, string>; submit: string; reset: string; results: string; loading: string;
  emptyTitle: string; emptyBody: string; removeFilter: string; page: string; previous: string; next: string; perMonth: string;
  errorsTitle: string; networkError: string; errors: Record<string, string>; fields: Record<string, string>;
}

interface Props {
  lang: Lang;
  text: SearchText;
  labels: { status: Record<string, string>; fitOut: Record<string, string>; unitKind: Record<string, string>; perSqmDay: string; availableNow: string; availableFrom: string; grossArea: string };
  compareText: CompareTrayText & { add: string; added: string; full: string; compareSelected: string };
  buildings: Array<{ slug: string; name: string }>;
  initialValues: FormValues;
  initialResult: SearchResultJson;
  initialErrors: Array<{ field: string; message: string }>;
  today: string;
  paths: { search: string; api: string; compare: string; unitPrefix: string };
}

export interface FormValues {
  building: string; minFloor: string; maxFloor: string; minArea: string; maxArea: string; minRent: string; maxRent: string;
  fitOut: string[]; availableBy: string; minLoad: string; minCeiling: string; minPower: string; status: string; sort: string;
}

export const EMPTY_FORM: FormValues = {
  building: '', minFloor: '', maxFloor: '', minArea: '', maxArea: '', minRent: '', maxRent: '',
  fitOut: [], availableBy: '', minLoad: '', minCeiling: '', minPower: '', status: DEFAULT_QUERY.status, sort: DEFAULT_QUERY.sort,
};

const LOAD_OPTIONS = ['3.5', '5', '10'];
const CEILING_OPTIONS = ['3', '3.4', '3.6', '5'];
const FILTER_FIELDS = ['building', 'minFloor', 'maxFloor', 'minArea', 'maxArea', 'minRent', 'maxRent', 'fitOut', 'availableBy', 'minLoad', 'minCeiling', 'minPower', 'status'] as const;

/** The query string of a form state and page, leaving out empty fields and defaults. */
export function formToParams(values: FormValues, page = 1): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (Array.isArray(value)) value.forEach((v) => params.append(key, v));
    else if (value.trim() !== '' && !(key === 'status' && value === DEFAULT_QUERY.status) && !(key === 'sort' && value === DEFAULT_QUERY.sort)) params.set(key, value.trim());
  }
  if (page > 1) params.set('page', String(page));
  return params;
}

/** Form state from a query string (unknown or malformed values are shown as typed; the server judges them). */
export function paramsToForm(params: URLSearchParams): FormValues {
  const values: FormValues = { ...EMPTY_FORM, fitOut: params.getAll('fitOut').flatMap((v) => v.split(',')).filter(Boolean) };
  for (const key of Object.keys(EMPTY_FORM) as Array<keyof FormValues>) {
    if (key === 'fitOut') continue;
    const value = params.get(key);
    if (value !== null) values[key] = value;
  }
  return values;
}

const inputClass = 'w-full rounded-lg border border-ink-300 bg-white px-3 py-2 text-sm tabular focus:border-glass-600 focus:outline-none focus:ring-2 focus:ring-glass-400/40';
const labelClass = 'block text-xs font-medium text-ink-600';

export default function UnitSearch(props: Props) {
  const { lang, text, labels, compareText, buildings, paths } = props;
  const [values, setValues] = useState<FormValues>(props.initialValues);
  const [result, setResult] = useState<SearchResultJson>(props.initialResult);
  const [errors, setErrors] = useState(props.initialErrors);
  const [isLoading, setIsLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const [isFull, setIsFull] = useState(false);
  const compareIds = useCompareSelection();
  const debounce = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const request = useRef<AbortController | undefined>(undefined);

  async function load(next: FormValues, page: number, history: 'push' | 'none') {
    const params = formToParams(next, page);
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    setIsLoading(true);
    setFailed(false);
    try {
      const response = await fetch(`${paths.api}?${params}`, { headers: { accept: 'application/json' }, signal: controller.signal });
      const body = await response.json();
      if (response.status === 400 && Array.isArray(body.errors)) {
        setErrors(body.errors.map((e: { field: string; code: string }) => ({ field: e.field, message: formatMessage(text.errors[e.code] ?? text.errors.invalid_option!, { label: text.fields[e.field] ?? e.field }) })));
      } else if (response.ok) {
        setErrors([]);
        setResult(body as SearchResultJson);
        if (history === 'push') {
          const query = params.toString();
          window.history.pushState(null, '', query ? `${paths.search}?${query}` : paths.search);
        }
      } else {
        setFailed(true);
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') setFailed(true);
    } finally {
      if (request.current === controller) setIsLoading(false);
    }
  }

  useEffect(() => {
    const onPopState = () => {
      const next = paramsToForm(new URLSearchParams(window.location.search));
      setValues(next);
      void load(next, Number(new URLSearchParams(window.location.search).get('page') ?? 1) || 1, 'none');
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  function update(patch: Partial<FormValues>, delay: number) {
    const next = { ...values, ...patch };
    setValues(next);
    clearTimeout(debounce.current);
    debounce.current = setTimeout(() => void load(next, 1, 'push'), delay);
  }

  const onText = (key: keyof FormValues) => (event: ChangeEvent<HTMLInputElement>) => update({ [key]: event.target.value }, 450);
  const onSelect = (key: keyof FormValues) => (event: ChangeEvent<HTMLSelectElement>) => update({ [key]: event.target.value }, 0);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    clearTimeout(debounce.current);
    void load(values, 1, 'push');
  };
  const goToPage = (page: number) => (event: React.MouseEvent) => {
    event.preventDefault();
    void load(values, page, 'push');
    document.getElementById('search-results')?.scrollIntoView({ block: 'start' });
  };

  const activeFilters = useMemo(
    () =>
      FILTER_FIELDS.filter((f) => (f === 'fitOut' ? values.fitOut.length > 0 : f === 'status' ? values.status !== DEFAULT_QUERY.status : values[f].trim() !== '')).map((field) => ({
        field,
        label: text.fields[field] ?? field,
        href: `${paths.search}?${formToParams({ ...values, [field]: field === 'fitOut' ? [] : field === 'status' ? DEFAULT_QUERY.status : '' })}`,
      })),
    [values],
  );
  const pageHref = (page: number) => {
    const query = formToParams(values, page).toString();
    return query ? `${paths.search}?${query}` : paths.search;
  };
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  const fieldError = (field: string) => {
    const message = errorFor(field);
    return message ? <p id={`${field}-error`} className="mt-1 text-xs text-red-700">{message}</p> : null;
  };
  const describedBy = (field: string) => (errorFor(field) ? `${field}-error` : undefined);

  return (
    <div className="grid gap-8 lg:grid-cols-[18rem_1fr]">
      <form method="get" action={paths.search} onSubmit={onSubmit} className="space-y-5 self-start rounded-2xl border border-ink-200 bg-white p-5 lg:sticky lg:top-24" aria-labelledby="filters-title" noValidate>
        <h2 id="filters-title" className="text-base font-semibold">{text.filters}</h2>
        {errors.length > 0 && (
          <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
            <p className="font-medium">{text.errorsTitle}</p>
            <ul className="mt-1 list-disc pl-5">{errors.map((e) => <li key={e.field}>{e.message}</li>)}</ul>
          </div>
        )}
        <div>
          <label htmlFor="f-building" className={labelClass}>{text.building}</label>
          <select id="f-building" name="building" value={values.building} onChange={onSelect('building')} className={`${inputClass} mt-1`} aria-describedby={describedBy('building')}>
            <option value="">{text.anyBuilding}</option>
            {buildings.map((b) => <option key={b.slug} value={b.slug}>{b.name}</option>)}
          </select>
          {fieldError('building')}
        </div>
        {([['floor', 'minFloor', 'maxFloor', '1'], ['area', 'minArea', 'maxArea', '10'], ['rent', 'minRent', 'maxRent', '0.05']] as const).map(([label, minKey, maxKey, step]) => (
          <fieldset key={label}>
            <legend className={labelClass}>{text[label]}</legend>
            <div className="mt-1 grid grid-cols-2 gap-2">
              <input name={minKey} type="number" inputMode="decimal" step={step} placeholder={text.min} aria-label={text.fields[minKey]} value={values[minKey]} onChange={onText(minKey)} className={inputClass} aria-invalid={Boolean(errorFor(minKey))} aria-describedby={describedBy(minKey)} />
              <input name={maxKey} type="number" inputMode="decimal" step={step} placeholder={text.max} aria-label={text.fields[maxKey]} value={values[maxKey]} onChange={onText(maxKey)} className={inputClass} aria-invalid={Boolean(errorFor(maxKey))} aria-describedby={describedBy(maxKey)} />
            </div>
            {fieldError(minKey)}
            {fieldError(maxKey)}
          </fieldset>
        ))}
        <fieldset>
          <legend className={labelClass}>{text.fitOut}</legend>
          <div className="mt-1 space-y-1">
            {FIT_OUTS.map((f) => (
              <label key={f} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="fitOut" value={f} checked={values.fitOut.includes(f)} className="size-4 accent-glass-600"
                  onChange={(e) => update({ fitOut: e.target.checked ? [...values.fitOut, f] : values.fitOut.filter((x) => x !== f) }, 0)} />
                {labels.fitOut[f]}
              </label>
            ))}
          </div>
          {fieldError('fitOut')}
        </fieldset>
        <div>
          <label htmlFor="f-available" className={labelClass}>{text.availableBy}</label>
          <input id="f-available" name="availableBy" type="date" value={values.availableBy} onChange={onText('availableBy')} className={`${inputClass} mt-1`} aria-describedby={describedBy('availableBy')} />
          {fieldError('availableBy')}
        </div>
        <div className="grid grid-cols-2 gap-2">
          <div>
            <label htmlFor="f-load" className={labelClass}>{text.minLoad}</label>
            <select id="f-load" name="minLoad" value={values.minLoad} onChange={onSelect('minLoad')} className={`${inputClass} mt-1`}>
              <option value="">{text.any}</option>
              {LOAD_OPTIONS.map((v) => <option key={v} value={v}>{v} kN/㎡</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="f-ceiling" className={labelClass}>{text.minCeiling}</label>
            <select id="f-ceiling" name="minCeiling" value={values.minCeiling} onChange={onSelect('minCeiling')} className={`${inputClass} mt-1`}>
              <option value="">{text.any}</option>
              {CEILING_OPTIONS.map((v) => <option key={v} value={v}>{v} m</option>)}
            </select>
          </div>
        </div>
        {fieldError('minLoad')}
        {fieldError('minCeiling')}
        <div>
          <label htmlFor="f-power" className={labelClass}>{text.minPower}</label>
          <input id="f-power" name="minPower" type="number" inputMode="numeric" min="0" step="5" value={values.minPower} onChange={onText('minPower')} className={`${inputClass} mt-1`} aria-describedby={describedBy('minPower')} />
          {fieldError('minPower')}
        </div>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="status" value="all" checked={values.status === 'all'} onChange={(e) => update({ status: e.target.checked ? 'all' : 'available' }, 0)} className="mt-0.5 size-4 accent-glass-600" />
          {text.includeAll}
        </label>
        <div>
          <label htmlFor="f-sort" className={labelClass}>{text.sort}</label>
          <select id="f-sort" name="sort" value={values.sort} onChange={onSelect('sort')} className={`${inputClass} mt-1`}>
            {SORTS.map((s) => <option key={s} value={s}>{text.sorts[s]}</option>)}
          </select>
        </div>
        <div className="flex flex-wrap items-center gap-3 pt-1">
          <button type="submit" className="rounded-full bg-ink-900 px-5 py-2.5 text-sm font-semibold text-white hover:bg-ink-800">{text.submit}</button>
          <a href={paths.search} className="text-sm text-glass-600 hover:underline" onClick={(e) => { e.preventDefault(); setValues(EMPTY_FORM); void load(EMPTY_FORM, 1, 'push'); }}>{text.reset}</a>
        </div>
      </form>

      <section id="search-results" aria-labelledby="results-count" className="min-w-0 scroll-mt-24">
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h2 id="results-count" className="display text-2xl tabular" aria-live="polite">{formatMessage(text.results, { count: result.total })}</h2>
          <p className="text-sm text-ink-500" aria-live="polite">{isLoading ? text.loading : result.pageCount > 1 ? formatMessage(text.page, { page: result.page, pages: result.pageCount }) : ''}</p>
        </div>
        {failed && <p role="alert" className="mt-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">{text.networkError}</p>}
        {isFull && <p role="status" className="mt-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">{compareText.full}</p>}

        {result.total === 0 ? (
          <div className="mt-6 rounded-2xl border border-dashed border-ink-300 bg-white p-8">
            <p className="text-lg font-semibold">{text.emptyTitle}</p>
            {activeFilters.length > 0 && (
              <>
                <p className="mt-2 text-ink-600">{text.emptyBody}</p>
                <ul className="mt-4 flex flex-wrap gap-2">
                  {activeFilters.map((f) => (
                    <li key={f.field}>
                      <a href={f.href} className="inline-flex rounded-full border border-ink-300 px-3 py-1.5 text-sm hover:border-ink-900"
                        onClick={(e) => { e.preventDefault(); const next = { ...values, [f.field]: f.field === 'fitOut' ? [] : f.field === 'status' ? DEFAULT_QUERY.status : '' }; setValues(next); void load(next, 1, 'push'); }}>
                        {formatMessage(text.removeFilter, { label: f.label })}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        ) : (
          <ul className={`mt-6 grid gap-4 sm:grid-cols-2 xl:grid-cols-3 transition-opacity ${isLoading ? 'opacity-60' : ''}`}>
            {result.units.map((u) => {
              const isCompared = compareIds.includes(u.id);
              return (
                <li key={u.id} className="flex flex-col rounded-2xl border border-ink-200 bg-white p-5">
                  <div className="flex items-start justify-between gap-3">
                    <div>
                      <p className="text-xs text-ink-500">{u.building.name[lang]} · {levelShort(u.level)} · {labels.unitKind[u.kind]}</p>
                      <h3 className="display mt-1 text-xl"><a href={`${paths.unitPrefix}${u.id}`} className="hover:text-glass-600">{u.number}</a></h3>
                    </div>
                    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${u.status === 'available' ? 'bg-emerald-50 text-emerald-800' : 'bg-ink-100 text-ink-600'}`}>{labels.status[u.status]}</span>
                  </div>
                  <dl className="mt-4 grid grid-cols-2 gap-3 text-sm">
                    <div><dt className="text-ink-500">{labels.grossArea}</dt><dd className="font-semibold tabular">{formatArea(u.grossArea, lang)}</dd></div>
                    <div><dt className="text-ink-500">{labels.perSqmDay}</dt><dd className="font-semibold tabular">{formatRentRate(u.listRentPerSqmDay, lang)}</dd></div>
                    <div><dt className="text-ink-500">{text.perMonth}</dt><dd className="tabular">{formatYuan(BigInt(u.rentPerMonthFen), lang)}</dd></div>
                    <div><dt className="text-ink-500">{labels.availableFrom}</dt><dd>{formatAvailability(u.availableFrom, u.status, props.today, lang)}</dd></div>
                  </dl>
                  <p className="mt-3 text-xs text-ink-500 tabular">{labels.fitOut[u.fitOut]} · {u.ceilingHeightM} m · {u.floorLoadKnPerSqm} kN/㎡ · {u.powerKva} kVA</p>
                  <label className="mt-4 flex items-center gap-2 border-t border-ink-100 pt-3 text-sm">
                    <input type="checkbox" name="units" value={u.id} form="compare-form" checked={isCompared} className="size-4 accent-glass-600"
                      onChange={() => setIsFull(!toggleCompare(u.id))} />
                    {isCompared ? compareText.added : compareText.add}
                  </label>
                </li>
              );
            })}
          </ul>
        )}

        {result.pageCount > 1 && (
          <nav aria-label={formatMessage(text.page, { page: result.page, pages: result.pageCount })} className="mt-8 flex flex-wrap items-center gap-2 text-sm">
            {result.page > 1 && <a href={pageHref(result.page - 1)} onClick={goToPage(result.page - 1)} className="rounded-full border border-ink-300 px-4 py-2 hover:border-ink-900">{text.previous}</a>}
            {Array.from({ length: result.pageCount }, (_, i) => i + 1).map((p) => (
              <a key={p} href={pageHref(p)} onClick={goToPage(p)} aria-current={p === result.page ? 'page' : undefined}
                className={`inline-flex size-9 items-center justify-center rounded-full tabular ${p === result.page ? 'bg-ink-900 text-white' : 'border border-ink-200 hover:border-ink-900'}`}>{p}</a>
            ))}
            {result.page < result.pageCount && <a href={pageHref(result.page + 1)} onClick={goToPage(result.page + 1)} className="rounded-full border border-ink-300 px-4 py-2 hover:border-ink-900">{text.next}</a>}
          </nav>
        )}

        <form id="compare-form" method="get" action={paths.compare} className="mt-6">
          <noscript>
            <button type="submit" className="rounded-full border border-ink-300 px-5 py-2.5 text-sm">{compareText.compareSelected}</button>
          </noscript>
        </form>
      </section>
      <CompareTray text={compareText} comparePath={paths.compare} />
    </div>
  );
}
