/**
 * The public page an inquiry came from, named for staff ("预订页 · 研发楼1号 5层 0502") rather than as a URL path.
 */
import type { Lang } from '../../i18n/lang.ts';
import { messages } from '../../i18n/messages.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { unitDisplayName } from '../catalog/name-unit.ts';

/** A readable name of the site page at `path` (query and /en prefix ignored); "another page" for anything unknown. */
export function pageName(catalog: Pick<Catalog, 'unitById' | 'buildingById'>, path: string, lang: Lang): string {
  const names = messages(lang).console.lead.pages;
  const bare = (path.split(/[?#]/)[0] ?? '').replace(/^\/en(?=\/|$)/, '').replace(/\/+$/, '') || '/';
  const unitPage = /^\/(units|reserve)\/([^/]+)/.exec(bare);
  if (unitPage)
    return `${unitPage[1] === 'reserve' ? names.reserve : names.unit} · ${unitDisplayName(catalog, unitPage[2]!, lang)}`;
  const section = bare === '/' ? 'home' : bare.split('/')[1]!;
  return (names as Record<string, string>)[section] ?? names.other;
}
