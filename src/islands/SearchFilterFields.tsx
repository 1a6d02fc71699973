/**
 * The fields of the unit search form (building, floors, area, rent, handover, dates, specs, sort), without the
 * form around them: UnitSearch places them in a sidebar on wide screens and in a drawer on phones.
 */
import type { ChangeEvent } from 'react';
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
  return (
    <>
      <div>
        <label htmlFor="f-building" className={labelClass}>
          {text.building}
        </label>
        <select
          id="f-building"
          name="building"
          value={values.building}
          onChange={onSelect('building')}
          className={`${inputClass} mt-1`}
          aria-describedby={describedBy('building')}
        >
          <option value="">{text.anyBuilding}</option>
          {buildings.map((b) => (
            <option key={b.slug} value={b.slug}>
              {b.name}
            </option>
          ))}
        </select>
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
            <input
              name={minKey}
              type="number"
              inputMode="decimal"
              step={step}
              placeholder={text.min}
              aria-label={text.fields[minKey]}
              value={values[minKey]}
              onChange={onText(minKey)}
              className={inputClass}
              aria-invalid={Boolean(errorFor(minKey))}
              aria-describedby={describedBy(minKey)}
            />
            <input
              name={maxKey}
              type="number"
              inputMode="decimal"
              step={step}
              placeholder={text.max}
              aria-label={text.fields[maxKey]}
              value={values[maxKey]}
              onChange={onText(maxKey)}
              className={inputClass}
              aria-invalid={Boolean(errorFor(maxKey))}
              aria-describedby={describedBy(maxKey)}
            />
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
      <div>
        <label htmlFor="f-available" className={labelClass}>
          {text.availableBy}
        </label>
        <input
          id="f-available"
          name="availableBy"
          type="date"
          value={values.availableBy}
          onChange={onText('availableBy')}
          className={`${inputClass} mt-1`}
          aria-describedby={describedBy('availableBy')}
        />
        {fieldError('availableBy')}
      </div>
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor="f-load" className={labelClass}>
            {text.minLoad}
          </label>
          <select
            id="f-load"
            name="minLoad"
            value={values.minLoad}
            onChange={onSelect('minLoad')}
            className={`${inputClass} mt-1`}
          >
            <option value="">{text.any}</option>
            {LOAD_OPTIONS.map((v) => (
              <option key={v} value={v}>
                {v} kN/㎡
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-ceiling" className={labelClass}>
            {text.minCeiling}
          </label>
          <select
            id="f-ceiling"
            name="minCeiling"
            value={values.minCeiling}
            onChange={onSelect('minCeiling')}
            className={`${inputClass} mt-1`}
          >
            <option value="">{text.any}</option>
            {CEILING_OPTIONS.map((v) => (
              <option key={v} value={v}>
                {v} m
              </option>
            ))}
          </select>
        </div>
      </div>
      {fieldError('minLoad')}
      {fieldError('minCeiling')}
      <div>
        <label htmlFor="f-power" className={labelClass}>
          {text.minPower}
        </label>
        <input
          id="f-power"
          name="minPower"
          type="number"
          inputMode="numeric"
          min="0"
          step="5"
          value={values.minPower}
          onChange={onText('minPower')}
          className={`${inputClass} mt-1`}
          aria-describedby={describedBy('minPower')}
        />
        {fieldError('minPower')}
      </div>
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
      <div>
        <label htmlFor="f-sort" className={labelClass}>
          {text.sort}
        </label>
        <select
          id="f-sort"
          name="sort"
          value={values.sort}
          onChange={onSelect('sort')}
          className={`${inputClass} mt-1`}
        >
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {text.sorts[s]}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
