import type { Collection } from '../domain/index.ts';

/** `TaxCollection`: who collects a consignment's (or a unit's) taxes, the scheme and registration number used. */
export function taxCollectionView(collection: Collection) {
  return {
    collector: collection.collector,
    schemeCode: collection.scheme?.code ?? null,
    schemeName: collection.scheme?.name ?? null,
    registrationNumber: collection.registrationNumber,
    source: collection.source,
  };
}
