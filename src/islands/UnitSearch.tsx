/**
 * Unit search: the filter form and its results. Rendered on the server, so with JavaScript off it is a plain
 * GET form whose results come with the page. With JavaScript it updates the results as filters change,
 * without a page load, keeping the query in the URL (shareable; back and forward work).
 * On wide screens the filters are a sidebar; on phones they open as a drawer from a "Filters (n)" button (without
 * JavaScript the button is a link to the form, opened by :target), so the results start on the first screen.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { formatMessage } from '../i18n/format-message.ts';
import type { Lang } from '../i18n/lang.ts';
import { DEFAULT_QUERY, endOfMonth, FILTER_FIELDS } from '../lib/unit-search-params.ts';
import type { UnitSummary } from '../lib/unit-summary.ts';
import { rememberUnitName, toggleCompare, useCompareSelection } from './compare-store.ts';
import { CompareTray, type CompareTrayText } from './CompareTray.tsx';
import { ResultsPlanView } from './ResultsPlanView.tsx';
import { SearchFilterFields } from './SearchFilterFields.tsx';
import { UnitCard, type UnitCardLabels } from './UnitCard.tsx';
import { useFilterDrawer } from './use-filter-drawer.ts';

export interface SearchResultJson {
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  units: UnitSummary[];
}

export interface SearchText {
  filters: string;
  building: string;
  anyBuilding: string;
  floor: string;
  area: string;
  rent: string;
  min: string;
  max: string;
  fitOut: string;
  availableBy: string;
  minLoad: string;
  minCeiling: string;
  minPower: string;
  any: string;
  includeAll: string;
  sort: string;
  sorts: Record<string, string>;
  submit: string;
  reset: string;
  results: string;
  loading: string;
  emptyTitle: string;
  emptyBody: string;
  removeFilter: string;
  page: string;
  previous: string;
  next: string;
  perMonth: string;
  errorsTitle: string;
  networkError: string;
  errors: Record<string, string>;
  fields: Record<string, string>;
  filtersButton: string;
  filtersButtonCount: string;
  showUnits: string;
  closeFilters: string;
  skipToResults: string;
  view: string;
  viewList: string;
  viewMap: string;
  mapHint: string;
  planOf: string;
  notifyMe: string;
}

interface Props {
  lang: Lang;
  text: SearchText;
  labels: Omit<UnitCardLabels, 'perMonth' | 'planOf' | 'add' | 'added'>;
  compareText: CompareTrayText & { add: string; added: string; full: string; compareSelected: string };
  buildings: Array<{ slug: string; name: string }>;
  initialValues: FormValues;
  initialResult: SearchResultJson;
  initialErrors: Array<{ field: string; message: string }>;
  today: string;
  paths: { search: string; api: string; compare: string; unitPrefix: string; alerts: string };
}

export interface FormValues {
  building: string;
  minFloor: string;
  maxFloor: string;
  minArea: string;
  maxArea: string;
  minRent: string;
  maxRent: string;
  fitOut: string[];
  availableBy: string;
  minLoad: string;
  minCeiling: string;
  minPower: string;
  status: string;
  sort: string;
  /** '' for the list, 'map' for the results on floor plans. */
  view: string;
}

export const EMPTY_FORM: FormValues = {
  building: '',
  minFloor: '',
  maxFloor: '',
  minArea: '',
  maxArea: '',
  minRent: '',
  maxRent: '',
  fitOut: [],
  availableBy: '',
  minLoad: '',
  minCeiling: '',
  minPower: '',
  status: DEFAULT_QUERY.status,
  sort: DEFAULT_QUERY.sort,
  view: '',
};

/** The query string of a form state and page, leaving out empty fields and defaults. */
function formToParams(values: FormValues, page = 1): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (Array.isArray(value)) value.forEach((v) => params.append(key, v));
    else if (
      value.trim() !== '' &&
      !(key === 'status' && value === DEFAULT_QUERY.status) &&
      !(key === 'sort' && value === DEFAULT_QUERY.sort)
    )
      params.set(key, value.trim());
  }
  if (page > 1) params.set('page', String(page));
  return params;
}

/** Form state from a query string (unknown or malformed values are shown as typed; the server judges them). */
export function paramsToForm(params: URLSearchParams): FormValues {
  const values: FormValues = {
    ...EMPTY_FORM,
    fitOut: params
      .getAll('fitOut')
      .flatMap((v) => v.split(','))
      .filter(Boolean),
  };
  for (const key of Object.keys(EMPTY_FORM) as Array<keyof FormValues>) {
    if (key === 'fitOut') continue;
    const value = params.get(key);
    // A month ("available by March") shows as its last day: the date field cannot show a month.
    if (value !== null) values[key] = key === 'availableBy' ? endOfMonth(value) : value;
  }
  if (values.view !== 'map') values.view = '';
  return values;
}

const pill = 'inline-flex min-h-11 items-center justify-center gap-2 rounded-full border px-4 text-sm font-medium';

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
  const drawer = useFilterDrawer();

  async function load(next: FormValues, page: number, history: 'push' | 'none') {
    const params = formToParams(next, page);
    const apiParams = formToParams({ ...next, view: '' }, page);
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    setIsLoading(true);
    setFailed(false);
    try {
      const response = await fetch(`${paths.api}?${apiParams}`, {
        headers: { accept: 'application/json' },
        signal: controller.signal,
      });
      const body = await response.json();
      if (response.status === 400 && Array.isArray(body.errors)) {
        setErrors(
          body.errors.map((e: { field: string; code: string }) => ({
            field: e.field,
            message: formatMessage(text.errors[e.code] ?? text.errors.invalid_option!, {
              label: text.fields[e.field] ?? e.field,
            }),
          })),
        );
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

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    clearTimeout(debounce.current);
    void load(values, 1, 'push');
    if (drawer.isOpen) {
      drawer.close();
      document.getElementById('search-results')?.scrollIntoView({ block: 'start' });
    }
  };
  const goToPage = (page: number) => (event: React.MouseEvent) => {
    event.preventDefault();
    void load(values, page, 'push');
    document.getElementById('search-results')?.scrollIntoView({ block: 'start' });
  };
  const setView = (view: string) => (event: React.MouseEvent) => {
    event.preventDefault();
    const next = { ...values, view };
    setValues(next);
    const query = formToParams(next, result.page).toString();
    window.history.pushState(null, '', query ? `${paths.search}?${query}` : paths.search);
  };

  const activeFilters = useMemo(
    () =>
      FILTER_FIELDS.filter((f) =>
        f === 'fitOut'
          ? values.fitOut.length > 0
          : f === 'status'
            ? values.status !== DEFAULT_QUERY.status
            : values[f].trim() !== '',
      ).map((field) => ({
        field,
        label: text.fields[field] ?? field,
        href: `${paths.search}?${formToParams({ ...values, [field]: field === 'fitOut' ? [] : field === 'status' ? DEFAULT_QUERY.status : '' })}`,
      })),
    [values],
  );
  const hrefOf = (next: FormValues, page = 1) => {
    const query = formToParams(next, page).toString();
    return query ? `${paths.search}?${query}` : paths.search;
  };
  const filtersLabel =
    activeFilters.length > 0
      ? formatMessage(text.filtersButtonCount, { count: activeFilters.length })
      : text.filtersButton;
  const showUnits = formatMessage(text.showUnits, { count: result.total });

  return (
    <div className="grid gap-6 lg:grid-cols-[18rem_1fr] lg:gap-8">
      <a
        href="#search-results"
        className="sr-only focus:not-sr-only focus:absolute focus:z-50 focus:rounded-full focus:bg-gold-400 focus:px-4 focus:py-2 focus:text-sm focus:font-semibold focus:text-ink-950"
      >
        {text.skipToResults}
      </a>
      <div
        id="search-filters"
        ref={drawer.panel}
        onKeyDown={drawer.onKeyDown}
        role={drawer.isOpen ? 'dialog' : undefined}
        aria-modal={drawer.isOpen ? true : undefined}
        aria-labelledby={drawer.isOpen ? 'filters-title' : undefined}
        className={`${drawer.isOpen ? 'max-lg:fixed max-lg:inset-0 max-lg:z-50 max-lg:block' : 'hidden'} max-lg:target:fixed max-lg:target:inset-0 max-lg:target:z-50 max-lg:target:block bg-white lg:sticky lg:top-24 lg:block lg:self-start lg:rounded-2xl lg:border lg:border-ink-200`}
      >
        <form
          method="get"
          action={paths.search}
          onSubmit={onSubmit}
          aria-labelledby="filters-title"
          noValidate
          className="flex h-full flex-col"
        >
          <div className="flex items-center justify-between gap-3 border-b border-ink-200 px-5 py-3 lg:border-0 lg:pb-0 lg:pt-5">
            <h2 id="filters-title" className="text-base font-semibold">
              {text.filters}
            </h2>
            <a
              href="#search-results"
              role="button"
              ref={drawer.closeButton}
              onClick={(e) => {
                e.preventDefault();
                drawer.close();
              }}
              className={`${pill} border-ink-300 lg:hidden`}
            >
              <span aria-hidden="true">×</span> {text.closeFilters}
            </a>
          </div>
          <div className="flex-1 space-y-5 overflow-y-auto p-5">
            {errors.length > 0 && (
              <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
                <p className="font-medium">{text.errorsTitle}</p>
                <ul className="mt-1 list-disc pl-5">
                  {errors.map((e) => (
                    <li key={e.field}>{e.message}</li>
                  ))}
                </ul>
              </div>
            )}
            {values.view === 'map' && <input type="hidden" name="view" value="map" />}
            <SearchFilterFields
              text={text}
              fitOutLabels={labels.fitOut}
              buildings={buildings}
              values={values}
              errors={errors}
              update={update}
            />
          </div>
          <div className="flex flex-wrap items-center gap-3 border-t border-ink-200 px-5 py-3 lg:border-0 lg:pb-5 lg:pt-0">
            <button
              type="submit"
              className="min-h-11 flex-1 rounded-full bg-ink-900 px-5 text-sm font-semibold text-white hover:bg-ink-800 lg:flex-none"
            >
              {showUnits}
            </button>
            <a
              href={paths.search}
              className="text-sm text-glass-600 hover:underline"
              onClick={(e) => {
                e.preventDefault();
                setValues(EMPTY_FORM);
                void load(EMPTY_FORM, 1, 'push');
              }}
            >
              {text.reset}
            </a>
          </div>
        </form>
      </div>

      <section
        id="search-results"
        tabIndex={-1}
        aria-labelledby="results-count"
        className="min-w-0 scroll-mt-24 focus:outline-none"
      >
        <div className="flex flex-wrap items-center gap-3">
          <div className="flex items-baseline gap-3 max-lg:basis-full">
            <h2 id="results-count" className="display text-2xl tabular" aria-live="polite">
              {formatMessage(text.results, { count: result.total })}
            </h2>
            <p className="text-sm text-ink-500" aria-live="polite">
              {isLoading
                ? text.loading
                : result.pageCount > 1
                  ? formatMessage(text.page, { page: result.page, pages: result.pageCount })
                  : ''}
            </p>
            <a
              className="link text-sm whitespace-nowrap"
              rel="nofollow"
              href={`${paths.alerts}?${formToParams({ ...values, view: '' }, 1).toString()}`}
            >
              {text.notifyMe}
            </a>
          </div>
          <a
            href="#search-filters"
            role="button"
            ref={drawer.openButton}
            aria-expanded={drawer.isOpen}
            aria-controls="search-filters"
            onClick={(e) => {
              e.preventDefault();
              drawer.open();
            }}
            className={`${pill} border-ink-900 bg-ink-900 text-white lg:hidden`}
          >
            <svg viewBox="0 0 16 16" className="size-4" aria-hidden="true">
              <path d="M2 4h12M4 8h8M6 12h4" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
            </svg>
            {filtersLabel}
          </a>
          <nav aria-label={text.view} className="ml-auto inline-flex rounded-full border border-ink-300 p-0.5">
            {(
              [
                ['', text.viewList],
                ['map', text.viewMap],
              ] as const
            ).map(([view, label]) => (
              <a
                key={view || 'list'}
                href={hrefOf({ ...values, view }, result.page)}
                onClick={setView(view)}
                aria-current={values.view === view ? 'page' : undefined}
                className={`inline-flex min-h-10 items-center rounded-full px-4 text-sm ${values.view === view ? 'bg-ink-900 font-semibold text-white' : 'text-ink-700 hover:text-ink-950'}`}
              >
                {label}
              </a>
            ))}
          </nav>
        </div>
        {failed && (
          <p role="alert" className="mt-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
            {text.networkError}
          </p>
        )}
        {isFull && (
          <p role="status" className="mt-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
            {compareText.full}
          </p>
        )}

        {result.total === 0 ? (
          <div className="mt-6 rounded-2xl border border-dashed border-ink-300 bg-white p-8">
            <p className="text-lg font-semibold">{text.emptyTitle}</p>
            {activeFilters.length > 0 && (
              <>
                <p className="mt-2 text-ink-600">{text.emptyBody}</p>
                <ul className="mt-4 flex flex-wrap gap-2">
                  {activeFilters.map((f) => (
                    <li key={f.field}>
                      <a
                        href={f.href}
                        className="inline-flex rounded-full border border-ink-300 px-3 py-1.5 text-sm hover:border-ink-900"
                        onClick={(e) => {
                          e.preventDefault();
                          const next = {
                            ...values,
                            [f.field]: f.field === 'fitOut' ? [] : f.field === 'status' ? DEFAULT_QUERY.status : '',
                          };
                          setValues(next);
                          void load(next, 1, 'push');
                        }}
                      >
                        {formatMessage(text.removeFilter, { label: f.label })}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        ) : values.view === 'map' ? (
          <ResultsPlanView
            units={result.units}
            lang={lang}
            unitHref={(id) => `${paths.unitPrefix}${id}`}
            hint={text.mapHint}
            statusLabels={labels.status}
          />
        ) : (
          <ul
            className={`mt-4 grid gap-4 sm:grid-cols-2 xl:grid-cols-3 transition-opacity ${isLoading ? 'opacity-60' : ''}`}
          >
            {result.units.map((u) => (
              <UnitCard
                key={u.id}
                unit={u}
                lang={lang}
                href={`${paths.unitPrefix}${u.id}`}
                today={props.today}
                isCompared={compareIds.includes(u.id)}
                labels={{
                  ...labels,
                  perMonth: text.perMonth,
                  planOf: text.planOf,
                  add: compareText.add,
                  added: compareText.added,
                }}
                onToggleCompare={() => {
                  rememberUnitName(u.id, u.name);
                  setIsFull(!toggleCompare(u.id));
                }}
              />
            ))}
          </ul>
        )}

        {result.pageCount > 1 && (
          <nav
            aria-label={formatMessage(text.page, { page: result.page, pages: result.pageCount })}
            className="mt-8 flex flex-wrap items-center gap-2 text-sm"
          >
            {result.page > 1 && (
              <a
                href={hrefOf(values, result.page - 1)}
                onClick={goToPage(result.page - 1)}
                className="rounded-full border border-ink-300 px-4 py-2 hover:border-ink-900"
              >
                {text.previous}
              </a>
            )}
            {Array.from({ length: result.pageCount }, (_, i) => i + 1).map((p) => (
              <a
                key={p}
                href={hrefOf(values, p)}
                onClick={goToPage(p)}
                aria-current={p === result.page ? 'page' : undefined}
                className={`inline-flex size-9 items-center justify-center rounded-full tabular ${p === result.page ? 'bg-ink-900 text-white' : 'border border-ink-200 hover:border-ink-900'}`}
              >
                {p}
              </a>
            ))}
            {result.page < result.pageCount && (
              <a
                href={hrefOf(values, result.page + 1)}
                onClick={goToPage(result.page + 1)}
                className="rounded-full border border-ink-300 px-4 py-2 hover:border-ink-900"
              >
                {text.next}
              </a>
            )}
          </nav>
        )}

        <form id="compare-form" method="get" action={paths.compare} className="mt-6">
          <noscript>
            <button type="submit" className="rounded-full border border-ink-300 px-5 py-2.5 text-sm">
              {compareText.compareSelected}
            </button>
          </noscript>
        </form>
      </section>
      <CompareTray text={compareText} comparePath={paths.compare} />
    </div>
  );
}
