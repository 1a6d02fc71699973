/**
 * Nearby places with their straight-line distance from the center, nearest first.
 */
import { distanceMetres, distanceToPolylineMetres } from '../../lib/geo.ts';
import type { Catalog } from './catalog.ts';
import type { Place } from './schemas.ts';

export function placesByDistance(catalog: Catalog): Array<{ place: Place; distanceM: number }> {
  const center = catalog.park.location.center;
  return catalog.places
    .map((place) => ({
      place,
      distanceM:
        place.kind === 'line'
          ? distanceToPolylineMetres(center, place.coordinates)
          : distanceMetres(center, place.coordinates[0]!),
    }))
    .sort((a, b) => a.distanceM - b.distanceM);
}
