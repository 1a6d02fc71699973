/**
 * schema.org JSON-LD for a unit page: a RealEstateListing whose Offer (monthly rent, live availability) is
 * for the space itself, an Accommodation with its floor size in square metres (UN/CEFACT code MTK).
 */
import { localePath, type Lang } from '../../i18n/lang.ts';
import { levelShort } from '../../lib/levels.ts';
import { rentTotals } from '../../lib/money.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { publicAvailableFrom, type UnitListing } from '../inventory/availability.ts';
import { messages } from '../../i18n/messages.ts';
import { formatUnitName, todayInBeijing } from '../../lib/format.ts';

export function unitJsonLd(listing: UnitListing, catalog: Catalog, siteUrl: string, lang: Lang) {
  const m = messages(lang);
  const building = catalog.buildingById.get(listing.building)!;
  const url = new URL(localePath(lang, `/units/${listing.id}`), siteUrl).href;
  const name = formatUnitName(building.name[lang], listing.level, listing.number, lang);
  const perMonth = rentTotals(listing.state.listRentPerSqmDay, listing.grossArea).perMonth;
  const available = listing.state.status === 'available';
  return {
    '@context': 'https://schema.org',
    '@type': 'RealEstateListing',
    '@id': `${url}#listing`,
    name,
    url,
    inLanguage: lang === 'zh' ? 'zh-CN' : 'en',
    description: `${name} · ${m.unitKind[listing.kind]} · ${listing.grossArea} m²`,
    offers: {
      '@type': 'Offer',
      businessFunction: 'http://purl.org/goodrelations/v1#LeaseOut',
      price: (Number(perMonth) / 100).toFixed(2),
      priceCurrency: 'CNY',
      priceSpecification: {
        '@type': 'UnitPriceSpecification',
        price: listing.state.listRentPerSqmDay,
        priceCurrency: 'CNY',
        unitCode: 'MTK',
        unitText: m.common.perSqmDay,
        valueAddedTaxIncluded: listing.rentIncludesTax,
      },
      availability: available ? 'https://schema.org/InStock' : 'https://schema.org/SoldOut',
      ...(publicAvailableFrom(listing.state, todayInBeijing())
        ? { availabilityStarts: publicAvailableFrom(listing.state, todayInBeijing()) }
        : {}),
      url,
      seller: { '@type': 'Organization', name: m.meta.siteName, url: new URL(localePath(lang, '/'), siteUrl).href },
      itemOffered: {
        '@type': 'Accommodation',
        name,
        floorSize: { '@type': 'QuantitativeValue', value: listing.grossArea, unitCode: 'MTK', unitText: 'm²' },
        floorLevel: levelShort(listing.level),
        containedInPlace: {
          '@type': 'Place',
          name: building.name[lang],
          address: {
            '@type': 'PostalAddress',
            streetAddress: catalog.park.address[lang],
            addressLocality: lang === 'zh' ? '北京市丰台区' : 'Fengtai District, Beijing',
            addressCountry: 'CN',
          },
        },
      },
    },
  };
}

/** JSON for a <script type="application/ld+json">, safe against an early </script>. */
export function jsonLdText(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
