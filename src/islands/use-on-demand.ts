/**
 * For islands that stand in for a heavy one (a Leaflet map) until a visitor reaches for it: loads the heavy
 * component once this island has hydrated, and tells which link inside the stand-in had keyboard focus, so the
 * live component can put focus on the same place. While it loads, or if loading fails, the stand-in (a whole
 * server drawing with working links) stays.
 */
import { useEffect, useRef, useState, type ComponentType, type RefObject } from 'react';

export interface OnDemand<P> {
  Live: ComponentType<P>;
  /** The href of the stand-in's link that had focus when the live component arrived. */
  focusedHref: string | undefined;
}

export function useOnDemand<P>(
  load: () => Promise<{ default: ComponentType<P> }>,
): [RefObject<HTMLDivElement | null>, OnDemand<P> | null] {
  const box = useRef<HTMLDivElement>(null);
  const [live, setLive] = useState<OnDemand<P> | null>(null);
  useEffect(() => {
    let isCancelled = false;
    load().then(
      ({ default: Live }) => {
        if (isCancelled) return;
        const focused = box.current?.contains(document.activeElement)
          ? document.activeElement?.closest('a[href]')?.getAttribute('href')
          : undefined;
        setLive({ Live, focusedHref: focused ?? undefined });
      },
      () => undefined,
    );
    return () => {
      isCancelled = true;
    };
  }, []);
  return [box, live];
}
