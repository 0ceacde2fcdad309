import { describe, expect, it } from 'vitest';
import { DE_MINIMIS } from '../../../scripts/seed/pricing-reference.ts';
import type { DutyRate } from '../../../subgraphs/pricing/domain/duty.ts';
import { assessConsignment, flatDutiesOf } from '../../../subgraphs/pricing/domain/landed-cost/consignment-duty.ts';
import { consignmentGroupsOf, placeLine } from '../../../subgraphs/pricing/domain/landed-cost/consignments.ts';
import { valueForCustoms } from '../../../subgraphs/pricing/domain/landed-cost/customs-value.ts';
import { matchDutyRate } from '../../../subgraphs/pricing/domain/landed-cost/duty-match.ts';
import { explainQuote } from '../../../subgraphs/pricing/domain/landed-cost/ledger.ts';
import { linesOf } from '../../../subgraphs/pricing/domain/landed-cost/line-assessment.ts';
import { settleCollection } from '../../../subgraphs/pricing/domain/landed-cost/collection-step.ts';
import { assessLineDuty } from '../../../subgraphs/pricing/domain/landed-cost/line-duty.ts';
import { customsRulesOf, quoteRulesOf } from '../../../subgraphs/pricing/domain/landed-cost/rules.ts';
import { shareOut } from '../../../subgraphs/pricing/domain/landed-cost/share-out.ts';
import { shipLine, shippingOf, splitCharge } from '../../../subgraphs/pricing/domain/landed-cost/shipping.ts';
import { taxLine } from '../../../subgraphs/pricing/domain/landed-cost/tax-line.ts';
import { breakdownOf, totalsOf } from '../../../subgraphs/pricing/domain/landed-cost/totals.ts';
import type { ConsignmentInput, QuoteLine } from '../../../subgraphs/pricing/domain/landed-cost/types.ts';
import type { Market } from '../../../subgraphs/pricing/domain/market.ts';
import type { TaxRate } from '../../../subgraphs/pricing/domain/tax.ts';
import { dec, eur, money } from './helpers.ts';

// Each step of quoteConsignment on its own; expected figures are worked out by hand in the comments.

const DE: Market = {
  country: 'DE',
  currency: 'EUR',
  locale: 'de-DE',
  taxDisplay: 'inclusive',
  incoterm: 'DDP',
  presentment: { kind: 'exponent' },
  fxMarginBps: 0,
  customsValuation: 'CIF',
  additionalCurrencies: [],
};
const XX: Market = { ...DE, country: 'XX', currency: 'USD', taxDisplay: 'exclusive', incoterm: 'DAP', customsValuation: 'FOB' };
const TAX: TaxRate[] = [
  { country: 'DE', category: 'standard', ratePercent: '19' },
  { country: 'XX', category: 'standard', ratePercent: '10' },
];
const DUTY: DutyRate[] = [
  { destination: 'DE', hsPrefix: '61', ratePercent: '12' },
  { destination: 'DE', hsPrefix: '22', ratePercent: '5' },
];
const DE_RECORD = DE_MINIMIS.find((record) => record.destination === 'DE')!; // €150 relief; €3 flat from 2026-07-01; sake (2206) excluded
const BEFORE_FLAT = new Date('2026-06-30T10:00:00Z');
const FLAT_IN_FORCE = new Date('2026-11-25T10:00:00Z');

const line = (productId: string, gross: string, quantity: number, hsCode: string): QuoteLine => ({
  productId,
  unitPrice: eur(gross),
  quantity,
  hsCode,
  taxCategory: 'standard',
});
const JACKET = line('jacket', '119.00', 2, '611030');
const SCARF = line('scarf', '119.00', 1, '611710');
const inputOf = (lines: QuoteLine[], extra: Partial<ConsignmentInput> = {}): ConsignmentInput => ({
  lines,
  market: DE,
  taxRates: TAX,
  dutyRates: DUTY,
  deMinimis: [DE_RECORD],
  now: BEFORE_FLAT,
  ...extra,
});

/** The lines of `input` through the steps up to the duty match (without parcels: one consignment). */
function matchedLinesOf(input: ConsignmentInput) {
  const rules = quoteRulesOf(input);
  const groups = consignmentGroupsOf(input);
  const placed = input.lines.map((quoteLine, index) => placeLine(taxLine(quoteLine, index, rules, TAX), groups));
  const itemsTotal = placed.reduce((total, { lineTotal }) => total + lineTotal.minor, 0n);
  const shipping = shippingOf(
    groups,
    placed,
    money((Number(itemsTotal) / 100).toFixed(2), 'EUR'),
    input.freeShippingThreshold ?? null,
    rules,
  );
  const matched = placed.map((placedLine) => matchDutyRate(valueForCustoms(shipLine(placedLine, shipping), rules), 'DE', DUTY));
  return { rules, groups, shipping, matched, customs: customsRulesOf(input, rules) };
}

describe('quoteRulesOf', () => {
  it('refuses a quote without lines', () => {
    expect(() => quoteRulesOf(inputOf([]))).toThrow('A quote needs at least one line');
  });
  it('reads the market: inclusive prices, HALF_UP by default, zero in its currency', () => {
    const rules = quoteRulesOf(inputOf([JACKET]));
    expect(rules).toMatchObject({ currency: 'EUR', mode: 'HALF_UP', priceIncludesTax: true, zero: eur('0.00') });
  });
});

describe('taxLine', () => {
  it('splits an inclusive line total once: 2 × €119.00 = €238.00 = €200.00 net + €38.00 VAT', () => {
    const taxed = taxLine(JACKET, 0, quoteRulesOf(inputOf([JACKET])), TAX);
    expect(dec(taxed.lineTotal)).toBe('238.00');
    expect([dec(taxed.taxSplit.net), dec(taxed.taxSplit.tax), dec(taxed.taxSplit.gross), dec(taxed.taxSplit.shown)]).toEqual([
      '200.00',
      '38.00',
      '238.00',
      '238.00',
    ]);
  });
  it('adds VAT to an exclusive line: 3 × $10.05 = $30.15, 10 % = 3.015 → $3.02 (HALF_UP)', () => {
    const usd = { productId: 'mug', unitPrice: money('10.05', 'USD'), quantity: 3, hsCode: '691200', taxCategory: 'standard' } as const;
    const taxed = taxLine(usd, 4, quoteRulesOf({ ...inputOf([usd]), market: XX }), TAX);
    expect(taxed.index).toBe(4);
    expect([dec(taxed.taxSplit.net), dec(taxed.taxSplit.tax), dec(taxed.taxSplit.gross), dec(taxed.taxSplit.shown)]).toEqual([
      '30.15',
      '3.02',
      '33.17',
      '30.15',
    ]);
  });
  it('refuses a quantity of 1000 and a price in another currency', () => {
    const rules = quoteRulesOf(inputOf([JACKET]));
    expect(() => taxLine({ ...JACKET, quantity: 1000 }, 0, rules, TAX)).toThrow(
      'Quantity for jacket must be a whole number from 1 to 999, got 1000',
    );
    expect(() => taxLine({ ...JACKET, unitPrice: money('1.00', 'USD') }, 0, rules, TAX)).toThrow(
      'The unit price of jacket is in USD but the market charges in EUR; convert first',
    );
  });
});

describe('consignmentGroupsOf and placeLine', () => {
  it('puts each parcel in a consignment of its own, then the lines no parcel carries', () => {
    const input = inputOf([JACKET, SCARF, JACKET], {
      parcels: [
        { fromCountry: 'JP', lineIndexes: [2], charge: eur('5.00') },
        { fromCountry: 'NL', lineIndexes: [0], charge: eur('4.00') },
      ],
    });
    const groups = consignmentGroupsOf(input);
    expect(groups.map(({ fromCountry, lineIndexes, charges }) => ({ fromCountry, lineIndexes, charges: charges.map(dec) }))).toEqual([
      { fromCountry: 'JP', lineIndexes: [2], charges: ['5.00'] },
      { fromCountry: 'NL', lineIndexes: [0], charges: ['4.00'] },
      { fromCountry: null, lineIndexes: [1], charges: [] },
    ]);
    const rules = quoteRulesOf(input);
    const placed = input.lines.map((quoteLine, index) => placeLine(taxLine(quoteLine, index, rules, TAX), groups));
    // Chiba → Germany crosses the EU border; Venlo → Germany does not; an unshipped line crosses nothing.
    expect(placed.map(({ consignment, dutiable }) => [consignment, dutiable])).toEqual([
      [1, false],
      [2, false],
      [0, true],
    ]);
  });
  it('refuses a line in two parcels', () => {
    const input = inputOf([JACKET], {
      parcels: [
        { fromCountry: 'JP', lineIndexes: [0], charge: eur('5.00') },
        { fromCountry: 'NL', lineIndexes: [0], charge: eur('4.00') },
      ],
    });
    expect(() => consignmentGroupsOf(input)).toThrow(
      'Parcel from NL names line 0, which is not a line of the quote or is already in a parcel',
    );
  });
  it('linesOf gives a consignment its lines in its own order', () => {
    expect(
      linesOf({ fromCountry: 'JP', lineIndexes: [2, 0], charges: [], dutiable: () => true }, [{ n: 'a' }, { n: 'b' }, { n: 'c' }]),
    ).toEqual([{ n: 'c' }, { n: 'a' }]);
  });
});

describe('shareOut', () => {
  it('splits €10.00 over 1:1:1 as 3.34, 3.33, 3.33 beside each item', () => {
    expect(shareOut(eur('10.00'), ['a', 'b', 'c'], () => 1n).map(({ item, share }) => [item, dec(share)])).toEqual([
      ['a', '3.34'],
      ['b', '3.33'],
      ['c', '3.33'],
    ]);
  });
});

describe('splitCharge, shippingOf and shipLine', () => {
  const input = inputOf([JACKET, SCARF], { shippingCharges: [eur('11.90')] });
  const { rules, shipping } = matchedLinesOf(input);

  it('splits €11.90 by line totals 238:119 (2:1) — 7.933 and 3.967: floors 7.93 + 3.96, the cent to the larger remainder — each taxed at 19 %', () => {
    const split = splitCharge(eur('11.90'), null, matchedLinesOf(input).matched, rules);
    // 7.93 / 1.19 = 6.6638 → 6.66 (VAT 1.27); 3.97 / 1.19 = 3.3361 → 3.34 (VAT 0.63).
    expect(split.parts.map(({ lineIndex, part }) => [lineIndex, dec(part.gross), dec(part.net), dec(part.tax)])).toEqual([
      [0, '7.93', '6.66', '1.27'],
      [1, '3.97', '3.34', '0.63'],
    ]);
    expect(dec(split.net)).toBe('10.00');
  });
  it('charges shipping below the threshold and gives each line its parts', () => {
    expect(shipping.freeShipping).toBe(false);
    expect(dec(shipping.charged)).toBe('11.90');
    const { matched } = matchedLinesOf(input);
    expect(matched.map((shipped) => shipped.shipping.map((part) => dec(part.gross)))).toEqual([['7.93'], ['3.97']]);
  });
  it('waives it from the threshold on (items €357.00 ≥ €300.00): no parts, the split still kept for the explanation', () => {
    const free = matchedLinesOf({ ...input, freeShippingThreshold: eur('300.00') });
    expect(free.shipping.freeShipping).toBe(true);
    expect(free.shipping.splits.map(({ net }) => dec(net))).toEqual(['10.00']);
    expect(free.matched.map((shipped) => shipped.shipping)).toEqual([[], []]);
    expect(shipLine(free.matched[0]!, free.shipping).shipping).toEqual([]);
  });
  it('refuses a charge in another currency', () => {
    const groups = consignmentGroupsOf({ ...input, shippingCharges: [money('5.00', 'USD')] });
    expect(() => shippingOf(groups, [], eur('1.00'), null, rules)).toThrow(
      'The shipping charge is in USD but the market charges in EUR; convert first',
    );
  });
});

describe('valueForCustoms', () => {
  const input = inputOf([JACKET, SCARF], { shippingCharges: [eur('11.90')] });
  it('CIF: the net plus the line’s freight, €200.00 + €6.66 = €206.66', () => {
    const [jacket] = matchedLinesOf(input).matched;
    expect([dec(jacket!.freight), dec(jacket!.customsValue)]).toEqual(['6.66', '206.66']);
  });
  it('FOB: the net alone', () => {
    const [jacket] = matchedLinesOf({ ...input, market: { ...DE, customsValuation: 'FOB' } }).matched;
    expect([dec(jacket!.freight), dec(jacket!.customsValue)]).toEqual(['0.00', '200.00']);
  });
});

describe('matchDutyRate', () => {
  const [jacket] = matchedLinesOf(inputOf([JACKET])).matched;
  it('finds the chapter rate of a dutiable line', () => {
    expect(matchDutyRate(jacket!, 'DE', DUTY).dutyMatch).toEqual({ ratePercent: '12', hsPrefix: '61', matched: true, preference: null });
  });
  it('gives a line that crosses no border 0 %, found', () => {
    expect(matchDutyRate({ ...jacket!, dutiable: false }, 'DE', DUTY).dutyMatch).toEqual({
      ratePercent: '0',
      hsPrefix: null,
      matched: true,
      preference: null,
    });
  });
});

describe('assessConsignment and assessLineDuty', () => {
  // Two T-shirts of one subheading (610910: €20.00 and €10.00 net) and sake (220600, €30.00 net): €60.00 of goods.
  const lines = [line('tee', '23.80', 1, '610910'), line('tee-2', '11.90', 1, '6109.10.00'), line('sake', '35.70', 1, '220600')];

  it("under the €3 flat duty: two items, the tees' €3.00 split 2:1 by customs value, sake its own €3.00", () => {
    // Items are distinct (subheading, origin) pairs: (610910, ?) for both tees and (220600, ?) for the sake. The €3
    // covers alcohol (Commission guide as reported, secondary): 2 × €3.00.
    const { groups, matched, customs } = matchedLinesOf(inputOf(lines, { now: FLAT_IN_FORCE }));
    const { consignment, lines: based } = assessConsignment(groups[0]!, matched, customs);
    expect(consignment.assessment?.basis).toBe('FLAT_LOW_VALUE');
    expect(consignment.flatDutySubheadings).toBe(2);
    expect([dec(consignment.customsValue.goods), dec(consignment.comparedValue)]).toEqual(['60.00', '60.00']);
    expect(based.map((b) => [b.dutyBasis, b.flatDuty && dec(b.flatDuty), b.importTaxOwed])).toEqual([
      ['FLAT_LOW_VALUE', '2.00', true],
      ['FLAT_LOW_VALUE', '1.00', true],
      ['FLAT_LOW_VALUE', '3.00', true],
    ]);
    // Sake: €3.00 flat, import VAT 19 % = €0.57; a T-shirt: €2.00 flat, 19 % = €0.38. The old relief (and its
    // exclusion) is not in force under the regime.
    const assessed = based.map((b) => assessLineDuty(b, customs));
    expect(assessed.map((a) => [dec(a.duty), dec(a.importTax), a.dutyReliefExcluded])).toEqual([
      ['2.00', '0.38', false],
      ['1.00', '0.19', false],
      ['3.00', '0.57', false],
    ]);
  });
  it('under the €150 relief: the T-shirts owe nothing, sake (excluded from the relief) its 5 %', () => {
    const { groups, matched, customs } = matchedLinesOf(inputOf(lines));
    const { consignment, lines: based } = assessConsignment(groups[0]!, matched, customs);
    expect(consignment.assessment?.basis).toBe('RELIEF');
    expect(consignment.flatDutySubheadings).toBe(0);
    expect(based.map((b) => assessLineDuty(b, customs)).map((a) => [a.dutyBasis, dec(a.duty)])).toEqual([
      ['RELIEF', '0.00'],
      ['RELIEF', '0.00'],
      ['AD_VALOREM', '1.50'],
    ]);
  });
  it('a consignment crossing no border is not assessed', () => {
    const { groups, matched, customs } = matchedLinesOf(inputOf(lines.map((quoteLine) => ({ ...quoteLine, dutiable: false }))));
    const { consignment, lines: based } = assessConsignment(groups[0]!, matched, customs);
    expect([consignment.crossesCustomsBorder, consignment.assessment, dec(consignment.customsValue.value)]).toEqual([false, null, '0.00']);
    expect(based.map((b) => b.dutyBasis)).toEqual([null, null, null]);
  });
  it('flatDutiesOf counts nothing without a flat line', () => {
    expect(flatDutiesOf([], null)).toEqual({ items: 0, duties: new Map() });
  });
});

describe('totalsOf, breakdownOf and explainQuote', () => {
  it('DDP: items and shipping as charged plus duty and import VAT, and the steps add up to it', () => {
    // Jacket: €238.00 (net 200.00) + €11.90 shipping (net 10.00); CIF €210.00 × 12 % = €25.20, 19 % of it = 4.788 → €4.79.
    const input = inputOf([JACKET], { shippingCharges: [eur('11.90')] });
    const { groups, matched, customs, shipping, rules } = matchedLinesOf(input);
    const { consignment, lines: based } = assessConsignment(groups[0]!, matched, customs);
    const { lines } = settleCollection(
      based.map((b) => assessLineDuty(b, customs)),
      consignment.collection,
      customs,
    );
    const totals = totalsOf(lines, shipping, [], rules);
    expect([dec(totals.tax), dec(totals.duty), dec(totals.importTax), dec(totals.total), totals.shipping && dec(totals.shipping)]).toEqual([
      '39.90',
      '25.20',
      '4.79',
      '279.89',
      '11.90',
    ]);
    expect(breakdownOf(totals, shipping, rules).map(({ kind, amount, treatment }) => [kind, dec(amount), treatment])).toEqual([
      ['ITEMS', '238.00', 'ADDED'],
      ['SHIPPING', '11.90', 'ADDED'],
      ['TAX', '39.90', 'INCLUDED'],
      ['DUTY', '25.20', 'ADDED'],
      ['IMPORT_TAX', '4.79', 'ADDED'],
    ]);
    const shown = {
      importTaxOwed: true,
      duty: eur('25.20'),
      importTax: eur('4.79'),
      collection: consignment.collection,
      levies: [],
    } as never;
    const steps = explainQuote(lines, shipping, [{ assessed: consignment, lines, shown }], totals, rules);
    expect(steps.map(({ kind, label, amount }) => [kind, label, amount])).toEqual([
      ['ITEM', '2 × jacket at 119.00, net of VAT/GST', '200.00'],
      ['SHIPPING', 'Shipment 1 of 1, net of VAT/GST', '10.00'],
      ['TAX', "VAT/GST on items and shipping (at the goods' rates)", '39.90'],
      ['DUTY', 'Import duty on the CIF customs value 210.00', '25.20'],
      ['IMPORT_TAX', 'Import VAT/GST on the duty', '4.79'],
    ]);
    expect(steps.at(-1)!.runningTotal).toBe('279.89');
  });
});
