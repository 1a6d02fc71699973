/**
 * Leaflet's vector shapes are not focusable. This makes one a keyboard link: reachable with Tab, announced
 * with a label, its tooltip shown on focus, and opened with Enter.
 */
import type L from 'leaflet';

export function makeKeyboardLink(layer: L.Polygon, label: string, open: () => void): void {
  const element = layer.getElement();
  if (!element) return;
  element.setAttribute('tabindex', '0');
  element.setAttribute('role', 'link');
  element.setAttribute('aria-label', label);
  element.addEventListener('focus', () => layer.openTooltip(layer.getBounds().getCenter()));
  element.addEventListener('blur', () => layer.closeTooltip());
  element.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Enter') open();
  });
}
