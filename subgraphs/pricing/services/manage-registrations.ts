import { referenceTtlFromEnv } from '../../common/reference-cache.ts';
import { markOfReferenceChange, markProjectionStale } from './mark-projection-stale.ts';
import { badUserInput, echoed, notFound } from '../../common/contract/errors.ts';
import { inForce, type TaxRegistration } from '../domain/index.ts';
import { toCollectionScheme, toTaxRegistration } from '../mappers.ts';
import type { CollectionSchemeDocument, PricingModels, TaxRegistrationDocument } from '../models.ts';

/** A registration to record: the scheme's code, the number the authority issued, the destinations it covers. */
export interface RegistrationToAdd {
  readonly scheme: string;
  readonly number: string;
  readonly destinations: readonly string[];
  readonly validFrom: Date;
  readonly note: string | null;
}

const NUMBER = /^[A-Za-z0-9][A-Za-z0-9 ./-]{2,39}$/;

/**
 * Records a registration. Refused (BAD_USER_INPUT, nothing written) when the scheme is unknown, a destination is
 * not one the scheme covers, the number is malformed or already recorded, or another registration of the same
 * scheme covers one of the destinations at `validFrom` or later (one number per parcel: never two to choose from).
 */
export async function addRegistration(models: PricingModels, input: RegistrationToAdd): Promise<TaxRegistration> {
  const scheme = await schemeOf(models, input.scheme);
  const number = input.number.trim();
  if (!NUMBER.test(number)) {
    throw badUserInput(`Registration number "${echoed(input.number)}" must be 3–40 letters, digits, spaces, dots, slashes or dashes`, {
      number: echoed(input.number),
    });
  }
  const named = [...new Set(input.destinations.map((country) => country.trim().toUpperCase()).filter(Boolean))];
  // `all`: every destination the scheme covers (the 27 member states for IOSS).
  const destinations = named.length === 1 && named[0] === 'ALL' ? [...scheme.destinations] : named;
  if (destinations.length === 0) throw badUserInput('Name the destinations the registration covers (--destinations DE,FR or all)', {});
  const outside = destinations.filter((country) => !scheme.destinations.includes(country));
  if (outside.length > 0) {
    throw badUserInput(`${scheme.code} does not cover ${outside.join(', ')}; it covers ${scheme.destinations.join(', ')}`, {
      scheme: scheme.code,
      destinations: outside,
    });
  }
  const existing = (await models.TaxRegistration.find({ scheme: scheme.code }).lean<TaxRegistrationDocument[]>()).map(toTaxRegistration);
  if (existing.some((registration) => registration.number === number)) {
    throw badUserInput(`${scheme.code} number ${number} is already recorded; end it or use it as it is`, { scheme: scheme.code, number });
  }
  const clash = existing.find(
    (registration) =>
      registration.destinations.some((country) => destinations.includes(country)) &&
      (registration.validTo === null || registration.validTo.getTime() > input.validFrom.getTime()),
  );
  if (clash) {
    throw badUserInput(
      `${scheme.code} number ${clash.number} already covers ${clash.destinations.filter((country) => destinations.includes(country)).join(', ')}; end it first (npm run registrations -- end)`,
      { scheme: scheme.code, number: clash.number },
    );
  }
  const registration: TaxRegistration = {
    scheme: scheme.code,
    number,
    destinations,
    validFrom: input.validFrom,
    validTo: null,
    note: input.note,
  };
  await models.TaxRegistration.create({ ...registration, destinations: [...destinations] });
  await markRegistrationChange(models, input.validFrom);
  return registration;
}

/**
 * Ends a registration at `at`: sets `validTo`, never deletes (a parcel's customs data keeps the number it was sent
 * under). NOT_FOUND for an unknown number; BAD_USER_INPUT when it has ended already or `at` precedes its start.
 */
export async function endRegistration(models: PricingModels, scheme: string, number: string, at: Date): Promise<TaxRegistration> {
  const code = scheme.trim().toUpperCase();
  const found = await models.TaxRegistration.findOne({ scheme: code, number: number.trim() }).lean<TaxRegistrationDocument>();
  if (!found)
    throw notFound(`No ${echoed(code)} registration numbered "${echoed(number)}"`, { scheme: echoed(code), number: echoed(number) });
  const registration = toTaxRegistration(found);
  if (registration.validTo !== null) {
    throw badUserInput(`${code} number ${registration.number} already ended at ${registration.validTo.toISOString()}`, {
      number: registration.number,
    });
  }
  if (at.getTime() < registration.validFrom.getTime()) {
    throw badUserInput(`${code} number ${registration.number} starts at ${registration.validFrom.toISOString()}; it cannot end before`, {
      number: registration.number,
    });
  }
  await models.TaxRegistration.updateOne({ scheme: code, number: registration.number, validTo: null }, { $set: { validTo: at } });
  await markRegistrationChange(models, at);
  return { ...registration, validTo: at };
}

/** Every registration (ended ones included), by scheme and start, with whether it is in force at `now`. */
export async function listRegistrations(
  models: PricingModels,
  now: Date,
  filter: { readonly scheme?: string; readonly destination?: string } = {},
): Promise<{ registration: TaxRegistration; active: boolean }[]> {
  const query = {
    ...(filter.scheme ? { scheme: filter.scheme.trim().toUpperCase() } : {}),
    ...(filter.destination ? { destinations: filter.destination.trim().toUpperCase() } : {}),
  };
  const rows = await models.TaxRegistration.find(query).sort({ scheme: 1, validFrom: 1 }).lean<TaxRegistrationDocument[]>();
  return rows.map(toTaxRegistration).map((registration) => ({ registration, active: inForce(registration, now) }));
}

async function schemeOf(models: PricingModels, code: string) {
  const wanted = code.trim().toUpperCase();
  const found = await models.CollectionScheme.findOne({ code: wanted }).lean<CollectionSchemeDocument>();
  if (!found) {
    const known = (await models.CollectionScheme.distinct('code')) as string[];
    throw badUserInput(`Unknown scheme "${echoed(code)}"; the schemes are ${known.sort().join(', ')}`, { scheme: echoed(code) });
  }
  return toCollectionScheme(found);
}

/**
 * A registration decides who collects a destination's VAT, and so the price shown there: the price projection is
 * marked stale for when the change takes effect (now, if that is past), once pricing's reference data has read it.
 */
async function markRegistrationChange(models: PricingModels, effective: Date): Promise<void> {
  const shownFrom = effective.getTime() > Date.now() ? effective : new Date();
  await markProjectionStale(models, [markOfReferenceChange('tax-registration', shownFrom, referenceTtlFromEnv())]);
}
