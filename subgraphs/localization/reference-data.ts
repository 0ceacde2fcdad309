import { findDocuments } from '../common/find-documents.ts';
import { createReferenceCache } from '../common/reference-cache.ts';
import type { StorefrontSite } from './domain/index.ts';
import type { LocalizationModels, StorefrontSiteDocument } from './models.ts';

/** The localization subgraph's process-wide reference data. */
export interface LocalizationReferenceData {
  /** Every storefront site, ordered by hreflang (`_id`). */
  storefrontSites: () => Promise<readonly StorefrontSite[]>;
}

/**
 * The storefront sites, read from MongoDB at most once per freshness window (`ttlMs`): they are configuration
 * that changes by an edit, not per request, and every product page's alternates need all of them.
 */
export function createLocalizationReferenceData(models: LocalizationModels, ttlMs: number): LocalizationReferenceData {
  const cache = createReferenceCache<'sites', readonly StorefrontSite[]>(
    async () =>
      (await findDocuments<StorefrontSiteDocument>(models.StorefrontSite, {}, { sort: { _id: 1 } })).map((site) => ({
        country: site.country ?? null,
        locale: site.locale,
        urlTemplate: site.urlTemplate,
      })),
    { ttlMs, maxKeys: 1 },
  );
  return { storefrontSites: () => cache.get('sites') };
}
