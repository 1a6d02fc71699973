/**
 * The base drawing in one language and in the shape the map and the picture draw: our [lat, lng] order, one
 * ring per area.
 */
import type { Lang } from '../../i18n/lang.ts';
import type { BaseFeatureKind, BaseMap } from './schemas.ts';

export interface DrawnBaseFeature {
  id: string;
  kind: BaseFeatureKind;
  name?: string;
  shape: 'point' | 'line' | 'area';
  coordinates: Array<[number, number]>;
}

/** Every feature of the base map, its name in `lang`. */
export function baseMapFeatures(baseMap: BaseMap, lang: Lang): DrawnBaseFeature[] {
  return baseMap.features.map((f) => {
    const name = f.properties.name?.[lang];
    const { geometry } = f;
    const drawn =
      geometry.type === 'Point'
        ? { shape: 'point' as const, coordinates: [geometry.coordinates] }
        : geometry.type === 'LineString'
          ? { shape: 'line' as const, coordinates: geometry.coordinates }
          : { shape: 'area' as const, coordinates: geometry.coordinates[0]! };
    return { id: f.id, kind: f.properties.kind, ...(name ? { name } : {}), ...drawn };
  });
}
