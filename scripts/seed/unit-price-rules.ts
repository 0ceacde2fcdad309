/**
 * Unit-price rules per market: where the law asks for the price per kg or litre beside the selling price of goods
 * sold by weight or volume, for which unit, and what it exempts. Each row carries its legal source, the day it was
 * read (`asOf`), its validity and whether the decisive text was read from the authority (`verified`); `npm run
 * data:check` lists every row, and an unverified one as such. Research: the issue #23 law memo, section 14.
 * A market without a row (US, CA, AU, JP, KR, SG, AE, KW) shows no unit price.
 */
import { EU_MEMBER_STATES } from './pricing-reference.ts';
import type { PricingModels } from '../../subgraphs/pricing/models.ts';
import { moneyFromDecimal, type NetQuantity, type UnitPriceRule } from '../../subgraphs/pricing/domain/index.ts';

/** A rule as seeded: the domain's rule plus where it comes from. */
export type UnitPriceRuleRow = UnitPriceRule & {
  readonly asOf: Date;
  /** False when the decisive text could not be read from the authority here. */
  readonly verified: boolean;
  /** What was verified and what was decided, in a sentence or two. */
  readonly note: string;
};

const at = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
/** The day the sources below were read (law memo, section 14). */
const READ = at('2026-12-07');

const PER_KG_PER_L = { MASS: { quantity: 1, unit: 'KG' }, VOLUME: { quantity: 1, unit: 'L' } } as const;
const grams = (value: string): NetQuantity => ({ value, unit: 'G' });

// Neither the Directive nor PAngV, PBV or the PMO says how the unit price is rounded: we round the exact quotient
// once, half up to the currency's minor unit (ordinary commercial rounding), in every market.
const ROUNDING = 'HALF_UP' as const;

const DIRECTIVE =
  'Directive 98/6/EC (OJ L 80, 18.3.1998, p. 27), Art. 2(b) (unit price per 1 kg / 1 l, VAT and all taxes included) and Art. 3(1)';

/** An EU/EEA rule under the Directive: 1 kg / 1 l for every good sold by weight or volume, waived where it equals the selling price. */
function directiveRule(country: string, overrides: Partial<UnitPriceRuleRow> = {}): UnitPriceRuleRow {
  return {
    country,
    measures: ['MASS', 'VOLUME'],
    referenceQuantities: PER_KG_PER_L,
    omitWhenEqualToSellingPrice: true,
    exemptNetQuantities: [],
    exemptSellingPriceUpTo: null,
    exemptUnitPriceAbove: [],
    rounding: ROUNDING,
    // The Directive's transposition deadline (Art. 11(1)); member states that joined later apply it from accession.
    validFrom: at('2000-03-18'),
    validTo: null,
    source: DIRECTIVE,
    asOf: READ,
    verified: true,
    note:
      'Art. 3 read on legislation.gov.uk’s copy of the Directive. 1 kg / 1 l is the Directive’s own unit, lawful in every ' +
      'member state; a national 100 g / 100 ml option (recital 8) or Art. 5 waiver was not checked and is not used.',
    ...overrides,
  };
}

export const UNIT_PRICE_RULES: readonly UnitPriceRuleRow[] = [
  ...EU_MEMBER_STATES.filter((country) => country !== 'DE').map((country) => directiveRule(country)),
  directiveRule('DE', {
    // PAngV 2022 abolished the 100 g / 100 ml option for packs up to 250 g or ml on this day.
    validFrom: at('2022-05-28'),
    source:
      'Preisangabenverordnung (PAngV) 2022, § 4 (Grundpreis beside the Gesamtpreis) and § 5(1) ' +
      '("Die Mengeneinheit für den Grundpreis ist jeweils 1 Kilogramm, 1 Liter …"), in force 2022-05-28; Directive 98/6/EC',
    verified: false,
    note:
      'SECONDARY: § 5(1) read as quoted by IHK Dresden and a trade-software vendor, not on gesetze-im-internet.de. ' +
      'The waiver where the unit price equals the selling price is the Directive’s (Art. 3(1)); the exemption for goods ' +
      'under 10 g or ml concerns none of our products and is not modelled.',
  }),
  directiveRule('NO', {
    source: `EEA Agreement Annex XIX (consumer protection), which incorporates ${DIRECTIVE}; Norwegian forskrift om prisopplysning`,
    verified: false,
    note: 'Norway applies the Directive as an EEA state; the Norwegian regulation’s text and start date were not read here (validFrom is the Directive’s).',
  }),
  {
    country: 'CH',
    measures: ['MASS', 'VOLUME'],
    // Art. 6(2) allows a decimal multiple or fraction too (per 100 g); we give it per 1 kg / 1 l as in the EU.
    referenceQuantities: PER_KG_PER_L,
    omitWhenEqualToSellingPrice: false,
    // Art. 5(3)(b): sales of 1, 2 or 5 kg or l; (d): prepackages of 25, 125, 250 and 2,500 g net.
    exemptNetQuantities: [
      grams('25'),
      grams('125'),
      grams('250'),
      grams('2500'),
      ...['1', '2', '5'].flatMap((value): NetQuantity[] => [
        { value, unit: 'KG' },
        { value, unit: 'L' },
      ]),
    ],
    // Art. 5(3)(g): prepackages whose Detailpreis is at most CHF 2.
    exemptSellingPriceUpTo: moneyFromDecimal('2.00', 'CHF'),
    // Art. 5(3)(h): unit price above CHF 150 per kg or l for food, above CHF 750 for other goods.
    exemptUnitPriceAbove: [
      {
        hsPrefixes: Array.from({ length: 22 }, (_, index) => String(index + 1).padStart(2, '0')),
        limit: moneyFromDecimal('150.00', 'CHF'),
      },
      { hsPrefixes: null, limit: moneyFromDecimal('750.00', 'CHF') },
    ],
    rounding: ROUNDING,
    validFrom: at('2022-07-01'),
    validTo: null,
    source:
      'Verordnung über die Bekanntgabe von Preisen (Preisbekanntgabeverordnung, PBV, SR 942.211), Art. 5(1), 5(3)(b)(d)(g)(h) and 6(2)',
    asOf: READ,
    verified: true,
    note:
      'Text read on droit-bilingue.ch and lawbrary.ch copies (consolidated version of 1 July 2022, used as validFrom; the rule is older); ' +
      'the duty to show it confirmed on SECO’s page. “Food” is read as HS chapters 01–22: Swiss food law counts beverages, ' +
      'alcoholic ones included, as foodstuffs (our reading). Exemptions are in CHF and not applied to a price shown in euros.',
  },
  {
    country: 'GB',
    measures: ['MASS', 'VOLUME'],
    referenceQuantities: PER_KG_PER_L,
    omitWhenEqualToSellingPrice: false,
    exemptNetQuantities: [],
    exemptSellingPriceUpTo: null,
    exemptUnitPriceAbove: [],
    rounding: ROUNDING,
    validFrom: at('2004-07-22'),
    validTo: null,
    source: 'The Price Marking Order 2004 (SI 2004/102), art. 5 and Schedule 1',
    asOf: READ,
    verified: false,
    note:
      'Only the preamble and definitions were read (cosmetics are in scope); the Schedule 1 unit per product, any waiver ' +
      'and later amendment were not. Per kg / per litre is the general unit: shown for every product sold by weight or volume, ' +
      'never waived, since showing it where the Order waives it is lawful and leaving it out where it is required is not.',
  },
];

/** Upserts the unit-price rules (one row per country and start date). */
export async function seedUnitPriceRules(models: Pick<PricingModels, 'UnitPriceRule'>): Promise<number> {
  const toMoneyDocument = (money: { minor: bigint; currency: string }) => ({ currency: money.currency, amountMinor: Number(money.minor) });
  await models.UnitPriceRule.bulkWrite(
    UNIT_PRICE_RULES.map((rule) => ({
      replaceOne: {
        filter: { country: rule.country, validFrom: rule.validFrom },
        replacement: {
          country: rule.country,
          measures: [...rule.measures],
          referenceQuantities: {
            MASS: { ...rule.referenceQuantities.MASS, unit: rule.referenceQuantities.MASS.unit as 'G' | 'KG' },
            VOLUME: { ...rule.referenceQuantities.VOLUME, unit: rule.referenceQuantities.VOLUME.unit as 'ML' | 'L' },
          },
          omitWhenEqualToSellingPrice: rule.omitWhenEqualToSellingPrice,
          exemptNetQuantities: rule.exemptNetQuantities.map((quantity) => ({ ...quantity })),
          exemptSellingPriceUpTo: rule.exemptSellingPriceUpTo ? toMoneyDocument(rule.exemptSellingPriceUpTo) : null,
          exemptUnitPriceAbove: rule.exemptUnitPriceAbove.map((ceiling) => ({
            hsPrefixes: ceiling.hsPrefixes ? [...ceiling.hsPrefixes] : null,
            limit: toMoneyDocument(ceiling.limit),
          })),
          rounding: rule.rounding,
          validFrom: rule.validFrom,
          validTo: rule.validTo,
          source: rule.source,
          asOf: rule.asOf,
          verified: rule.verified,
          note: rule.note,
        },
        upsert: true,
      },
    })),
  );
  return UNIT_PRICE_RULES.length;
}
