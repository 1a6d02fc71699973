/**
 * What the embed manager shows: every embed with what it brought and its filters in words, the editor's values
 * (the embed being edited, what was just typed into a refused form, or a new embed's defaults), the snippet to
 * paste on a partner site, and what the chosen filters match now.
 */
import type { Lang } from '../../i18n/lang.ts';
import { localePath } from '../../i18n/lang.ts';
import { messages } from '../../i18n/messages.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { unitDisplayName } from '../catalog/name-unit.ts';
import type { Database } from '../db/open-database.ts';
import { runUnitSearch } from '../inventory/run-unit-search.ts';
import type { EmbedDraft } from './apply-embed-form.ts';
import { describeEmbedFilters } from './describe-embed-filters.ts';
import { attributionParams } from './embed-links.ts';
import { getEmbed, listEmbedStats } from './manage-embeds.ts';

/** Units listed under the matches (the page's script keeps the list fresh as filters change). */
const PREVIEW_COUNT = 6;

export async function embedManagerView(
  deps: { db: Database; catalog: Catalog },
  input: { editId: string | null; draft?: EmbedDraft | undefined; lang: Lang; siteUrl: string },
) {
  const { db, catalog } = deps;
  const { lang, draft } = input;
  const editing = await getEmbed(db, draft?.id || input.editId);
  const stats = (await listEmbedStats(db)).map((s) => ({
    ...s,
    filtersText: describeEmbedFilters(catalog, s.embed.filters, lang),
  }));
  const form: EmbedDraft =
    draft ??
    (editing
      ? {
          id: editing.id,
          name: editing.name,
          filters: editing.filters,
          themeColor: editing.themeColor,
          lang: editing.lang,
          allowedHosts: editing.allowedHosts.join('\n'),
        }
      : { id: '', name: '', filters: '', themeColor: '#13233d', lang, allowedHosts: '' });
  const origin = new URL(input.siteUrl).origin;
  const embedLang = editing?.lang === 'en' ? 'en' : 'zh';
  const snippet = editing
    ? `<div data-park-listings data-embed="${editing.id}">\n  <noscript><a href="${origin}${localePath(embedLang, '/units')}?${attributionParams(editing, null)}">${messages(embedLang).embed.allUnits}</a></noscript>\n</div>\n<script src="${origin}/embed.js" async></script>`
    : '';
  // What the chosen filters match now.
  const search = await runUnitSearch(db, catalog, new URLSearchParams(form.filters));
  return {
    stats,
    editing,
    form,
    snippet,
    matches: {
      isValid: search.errors.length === 0,
      total: search.result.total,
      units: search.result.units.slice(0, PREVIEW_COUNT).map((u) => ({
        name: unitDisplayName(catalog, u.id, lang),
        grossArea: u.grossArea,
        rent: u.state.listRentPerSqmDay,
      })),
    },
  };
}
