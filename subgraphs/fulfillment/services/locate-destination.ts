import { validateDestination } from '../../common/address/destination.ts';
import { destinationAreaOf, type DestinationArea, type DestinationWithin } from '../domain/index.ts';

/**
 * Where below its country a destination lies, or undefined for a bare country (no lookup at all, so
 * country-level estimates cost what they did). The address is validated as `quote(shipTo:)` validates it; the
 * area comes from the reference snapshot the request already holds.
 */
export function locateDestination(
  country: string,
  address: { region?: string | null; postalCode?: string | null },
  areas: readonly DestinationArea[],
): DestinationWithin | undefined {
  if (!address.region && !address.postalCode) return undefined;
  const destination = validateDestination({ country, region: address.region ?? null, postalCode: address.postalCode ?? null });
  if (destination.precision === 'COUNTRY') return undefined;
  const area = destinationAreaOf(areas, { country, region: destination.region, postalCode: destination.postalCode });
  return { region: destination.region, area, precision: destination.precision };
}
