/**
 * The campus map, live on demand. /map shows the server's picture of the campus (passed as children: the
 * schematic base, the buildings coloured by available space and linked to their pages, in the live map's box)
 * and hydrates this island when a visitor reaches for it (client:interaction: pointer, touch or keyboard focus).
 * It then loads Leaflet and CampusMap and swaps them in, so the page costs no script until someone wants to pan,
 * zoom or see the neighbourhood. Keyboard focus on a building in the picture moves to it on the live map.
 */
import type { ReactNode } from 'react';
import type { CampusMapProps } from './CampusMap.tsx';
import { useOnDemand } from './use-on-demand.ts';

export default function CampusMapLive({ children, ...props }: CampusMapProps & { children?: ReactNode }) {
  const [box, live] = useOnDemand<CampusMapProps>(() => import('./CampusMap.tsx'));
  const focusSlug = live?.focusedHref?.match(/\/buildings\/([^/?#]+)/)?.[1];
  return <div ref={box}>{live ? <live.Live {...props} focusSlug={focusSlug} /> : children}</div>;
}
