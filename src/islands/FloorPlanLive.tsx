/**
 * The floor plan, live on demand. The page shows the server's drawing of the plan (passed as children: the same
 * shapes, colours and unit links, in the live plan's box) and hydrates this island when a visitor reaches for it
 * (client:interaction: pointer, touch or keyboard focus). It then loads Leaflet and FloorPlanMap and swaps them in
 * for the drawing in one step, so a floor page costs no script until someone wants to zoom, pan or hover.
 * Keyboard focus on a unit in the drawing moves to the same unit in the live plan.
 */
import type { ReactNode } from 'react';
import type { FloorPlanProps } from './FloorPlanMap.tsx';
import { useOnDemand } from './use-on-demand.ts';

export default function FloorPlanLive({ children, ...props }: FloorPlanProps & { children?: ReactNode }) {
  const [box, live] = useOnDemand<FloorPlanProps>(() => import('./FloorPlanMap.tsx'));
  const focusId = live?.focusedHref?.match(/\/units\/([^/?#]+)/)?.[1];
  return <div ref={box}>{live ? <live.Live {...props} focusId={focusId} /> : children}</div>;
}
