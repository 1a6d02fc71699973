/**
 * The fields of the unit search form (building, floors, area, rent, handover, dates, specs, sort), without the
 * form around them: UnitSearch places them in a sidebar on wide screens and in a drawer on phones.
 */
import type { ChangeEvent, InputHTMLAttributes } from 'react';
import { FIT_OUTS, SORTS } from '../lib/unit-search-params.ts';
import type { FormValues, SearchText } from './UnitSearch.tsx';

const LOAD_OPTIONS = ['3.5', '5', '10'];
const CEILING_OPTIONS = ['3', '3.4', '3.6', '5'];

const inputClass =
  'w-full rounded-lg border border-ink-300 bg-white px-3 py-2 text-sm tabular focus:border-glass-600 focus:outline-none focus:ring-2 focus:ring-glass-400/40';
const labelClass = 'block text-xs font-medium text-ink-600';

interface Props {
  text: SearchText;
  fitOutLabels: Record<string, string>;
  buildings: Array<{ slug: string; name: string }>;
  values: FormValues;
  errors: Array<{ field: string; message: string }>;
  update: (patch: Partial<FormValues>, delay: number) => void;
}

export function SearchFilterFields({ text, fitOutLabels, buildings, values, errors, update }: Props) {
  const onText = (key: keyof FormValues) => (event: ChangeEvent<HTMLInputElement>) =>
    update({ [key]: event.target.value }, 450);
  const onSelect = (key: keyof FormValues) => (event: ChangeEvent<HTMLSelectElement>) =>
    update({ [key]: event.target.value }, 0);
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  const fieldError = (field: string) => {
    const message = errorFor(field);
    return message ? (
      <p id={`${field}-error`} className="mt-1 text-xs text-red-700">
        {message}
      </p>
    ) : null;
  };
  const describedBy = (field: string) => (errorFor(field) ? `${field}-error` : undefined);
  /** A labelled select; `any` is the first option's text, the empty value that leaves the filter out. */
  const selectField = (
    id: string,
    key: 'building' | 'minLoad' | 'minCeiling' | 'sort',
    label: string,
    options: Array<{ value: string; label: string }>,
    any?: string,
  ) => (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select
        id={id}
        name={key}
        value={values[key]}
        onChange={onSelect(key)}
        className={`${inputClass} mt-1`}
        aria-describedby={describedBy(key)}
      >
        {any !== undefined && <option value="">{any}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  /** A labelled single input with its error below. */
  const inputField = (
    id: string,
    key: 'availableBy' | 'minPower',
    label: string,
    attributes: InputHTMLAttributes<HTMLInputElement>,
  ) => (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input
        {...attributes}
        id={id}
        name={key}
        value={values[key]}
        onChange={onText(key)}
        className={`${inputClass} mt-1`}
        aria-describedby={describedBy(key)}
      />
      {fieldError(key)}
    </div>
  );
  return (
    <>
      <div>
        {selectField(
          'f-building',
          'building',
          text.building,
          buildings.map((b) => ({ value: b.slug, label: b.name })),
          text.anyBuilding,
        )}
        {fieldError('building')}
      </div>
      {(
        [
          ['floor', 'minFloor', 'maxFloor', '1'],
          ['area', 'minArea', 'maxArea', '10'],
          ['rent', 'minRent', 'maxRent', '0.05'],
        ] as const
      ).map(([label, minKey, maxKey, step]) => (
        <fieldset key={label}>
          <legend className={labelClass}>{text[label]}</legend>
          <div className="mt-1 grid grid-cols-2 gap-2">
            {(
              [
                [minKey, text.min],
                [maxKey, text.max],
              ] as const
            ).map(([key, placeholder]) => (
              <input
                key={key}
                name={key}
                type="number"
                inputMode="decimal"
                step={step}
                placeholder={placeholder}
                aria-label={text.fields[key]}
                value={values[key]}
                onChange={onText(key)}
                className={inputClass}
                aria-invalid={Boolean(errorFor(key))}
                aria-describedby={describedBy(key)}
              />
            ))}
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
              <input
                type="checkbox"
                name="fitOut"
                value={f}
                checked={values.fitOut.includes(f)}
                className="size-4 accent-glass-600"
                onChange={(e) =>
                  update({ fitOut: e.target.checked ? [...values.fitOut, f] : values.fitOut.filter((x) => x !== f) }, 0)
                }
              />
              {fitOutLabels[f]}
            </label>
          ))}
        </div>
        {fieldError('fitOut')}
      </fieldset>
      {inputField('f-available', 'availableBy', text.availableBy, { type: 'date' })}
      <div className="grid grid-cols-2 gap-2">
        {selectField(
          'f-load',
          'minLoad',
          text.minLoad,
          LOAD_OPTIONS.map((v) => ({ value: v, label: `${v} kN/㎡` })),
          text.any,
        )}
        {selectField(
          'f-ceiling',
          'minCeiling',
          text.minCeiling,
          CEILING_OPTIONS.map((v) => ({ value: v, label: `${v} m` })),
          text.any,
        )}
      </div>
      {fieldError('minLoad')}
      {fieldError('minCeiling')}
      {inputField('f-power', 'minPower', text.minPower, { type: 'number', inputMode: 'numeric', min: '0', step: '5' })}
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          name="status"
          value="all"
          checked={values.status === 'all'}
          onChange={(e) => update({ status: e.target.checked ? 'all' : 'available' }, 0)}
          className="mt-0.5 size-4 accent-glass-600"
        />
        {text.includeAll}
      </label>
      {selectField(
        'f-sort',
        'sort',
        text.sort,
        SORTS.map((v) => ({ value: v, label: text.sorts[v] })),
      )}
    </>
  );
}
