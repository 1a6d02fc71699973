/**
 * Which base map the campus map may load. The vector map is complete without one (`MAP_TILES=none`, the
 * default); a tile provider only adds streets underneath. Tile keys are browser keys: they reach the page.
 */
import { MAP_TILES, MAP_TILES_KEY } from 'astro:env/server';
import { log } from './log.ts';

type TileProvider = 'none' | 'tianditu' | 'amap' | 'osm';
export interface MapTiles {
  provider: TileProvider;
  key?: string;
}

let warned = false;

/** The configured tile provider; Tianditu without a key falls back to none (and says so once in the log). */
export function getMapTiles(): MapTiles {
  const provider = (MAP_TILES ?? 'none') as TileProvider;
  if (provider === 'tianditu' && !MAP_TILES_KEY) {
    if (!warned) log.warn('map.tiles.missing_key', { provider, fallback: 'none' });
    warned = true;
    return { provider: 'none' };
  }
  return MAP_TILES_KEY ? { provider, key: MAP_TILES_KEY } : { provider };
}

/** Where the configured provider's tiles come from, for the page's `img-src`. */
export function tileImageSources(): string[] {
  switch (getMapTiles().provider) {
    case 'osm':
      return ['https://tile.openstreetmap.org'];
    case 'amap':
      return ['https://*.is.autonavi.com'];
    case 'tianditu':
      return ['https://*.tianditu.gov.cn'];
    default:
      return [];
  }
}
