import { Exact } from './exact.ts';
import { CUSTOMS_UNIONS, normalizeHsCode, type CustomsUnion, type DutyRateMatch } from './duty.ts';

/**
 * A trade agreement under which originating goods enter at a preferential duty rate, as data: its parties (a
 * customs union by its name, "EU", standing for all its members), the rule-of-origin chapter and the proof an
 * importer claims the preference on. The law is the agreement's own text (`source`); `verified: false` says the
 * row was written from knowledge or secondary sources, not read in the agreement here.
 */
export type TradeAgreement = {
  /** Stable code, e.g. `EU-JP-EPA`: what products name in `originProofs`. */
  readonly code: string;
  /** Its name, e.g. "EU–Japan Economic Partnership Agreement". */
  readonly name: string;
  /** Its parties: country codes, or a customs union's name (`EU`) for every member of it. */
  readonly parties: readonly string[];
  /** Where the rules of origin and the claim are, e.g. "Chapter 3, Art. 3.16 (claim)". */
  readonly ruleOfOrigin: string;
  /** Every proof the agreement accepts for a claim, e.g. ["statement on origin", "importer's knowledge"]. */
  readonly proofsAccepted: readonly string[];
  /** The proof a seller who exports can supply itself (on the commercial invoice): the one our claims rest on. */
  readonly sellerProof: string;
  /** Where the text of that statement is prescribed, e.g. "Annex 3-D": what a customs declaration refers to. */
  readonly statementReference: string;
  /** In force from (inclusive). */
  readonly validFrom: Date;
  /** In force until (exclusive); null while in force. */
  readonly validTo: Date | null;
  readonly source: string;
  readonly asOf: Date;
  /** False when the row was not checked against the agreement's text here. */
  readonly verified: boolean;
  readonly note?: string | null;
};

/** A preferential ad valorem rate of an agreement for goods of `hsPrefix` entering `destination`. */
export type PreferentialRate = {
  readonly agreement: string;
  readonly destination: string;
  /** HS chapter (2), heading (4) or subheading (6): the most specific wins, as for MFN rates. */
  readonly hsPrefix: string;
  readonly ratePercent: string;
  readonly source: string;
  readonly asOf: Date;
  /** False when the rate was not checked against the destination's tariff here. */
  readonly verified: boolean;
};

/** A preference claimed for a good: which agreement, on which proof, and the rate it replaced. */
export type AppliedPreference = {
  readonly agreement: string;
  readonly agreementName: string;
  /** The proof the claim rests on, e.g. "statement on origin". */
  readonly proof: string;
  /** Where the statement's text is prescribed, e.g. "EU–Japan EPA Art. 3.17, text in Annex 3-D". */
  readonly statementReference: string;
  /** The goods' origin the claim is for. */
  readonly originCountry: string;
  /** The rate claimed (the preferential one). */
  readonly ratePercent: string;
  /** The MFN rate it replaced; null when no MFN rate matched (the preference is then the only known rate). */
  readonly mfnRatePercent: string | null;
  /** False when the agreement row or the preferential rate was not verified against its source. */
  readonly verified: boolean;
};

/** A duty rate match that may rest on a preference. */
export type OriginDutyMatch = DutyRateMatch & { readonly preference: AppliedPreference | null };

/** What a good brings to the choice of a preferential rate. */
export type OriginFacts = {
  readonly originCountry: string;
  /** Agreements under which the merchant holds the proof of this good's origin (`TradeAgreement.code`). */
  readonly originProofs: readonly string[];
  /** The country the consignment leaves (a warehouse's; the origin itself on a product page). */
  readonly shipFrom: string;
};

/** The agreements and rates to choose from (pricing's reference data). */
export type PreferenceData = {
  readonly agreements: readonly TradeAgreement[];
  readonly preferentialRates: readonly PreferentialRate[];
};

/**
 * The rate a good's duty is assessed at: the MFN match, or a preferential rate when, at `now`, all hold:
 * 1. an agreement in force has the origin and the destination on different sides (a customs union's members count
 *    as that party: a JP good into DE is EU–JP);
 * 2. the merchant holds that agreement's proof for the good (`originProofs` names it);
 * 3. the consignment leaves from the origin's party (direct transport: a JP good shipped from a US warehouse has
 *    not been shown to stay unaltered under customs control, so it keeps the MFN rate);
 * 4. the agreement has a rate for the good's HS code at the destination (most specific prefix) and it is lower
 *    than the MFN rate — an importer claims a preference only when it lowers the duty, and never pays more than
 *    MFN. Several agreements qualifying: the lowest rate, then the agreement code.
 * Otherwise the MFN match, with `preference: null`.
 */
export function selectPreferentialRate(
  mfn: DutyRateMatch,
  hsCode: string,
  destination: string,
  origin: OriginFacts | null | undefined,
  data: PreferenceData | null | undefined,
  now: Date,
  unions: readonly CustomsUnion[] = CUSTOMS_UNIONS,
): OriginDutyMatch {
  if (!origin || !data || origin.originProofs.length === 0) return { ...mfn, preference: null };
  const digits = normalizeHsCode(hsCode);
  let best: { match: OriginDutyMatch; rate: Exact } | null = null;
  for (const agreement of data.agreements) {
    if (!origin.originProofs.includes(agreement.code) || !inForce(agreement, now)) continue;
    const exporting = partyOf(agreement, origin.originCountry, unions);
    const importing = partyOf(agreement, destination, unions);
    if (exporting === null || importing === null || exporting === importing) continue;
    if (partyOf(agreement, origin.shipFrom, unions) !== exporting) continue;
    const found = mostSpecificRate(data.preferentialRates, agreement.code, destination, digits);
    if (!found) continue;
    const rate = Exact.parse(found.ratePercent, 'ratePercent');
    if (mfn.matched && rate.cmp(Exact.parse(mfn.ratePercent, 'ratePercent')) >= 0) continue;
    if (best && (rate.cmp(best.rate) > 0 || (rate.cmp(best.rate) === 0 && agreement.code > best.match.preference!.agreement))) continue;
    best = {
      rate,
      match: {
        ratePercent: found.ratePercent,
        hsPrefix: found.hsPrefix,
        matched: true,
        preference: {
          agreement: agreement.code,
          agreementName: agreement.name,
          proof: agreement.sellerProof,
          statementReference: agreement.statementReference,
          originCountry: origin.originCountry,
          ratePercent: found.ratePercent,
          mfnRatePercent: mfn.matched ? mfn.ratePercent : null,
          verified: agreement.verified && found.verified,
        },
      },
    };
  }
  return best ? best.match : { ...mfn, preference: null };
}

/** "EU–Japan Economic Partnership Agreement preference, statement on origin (MFN 2 %)": for explanations. */
export function preferenceLabel(preference: AppliedPreference): string {
  const mfn = preference.mfnRatePercent === null ? '' : `, MFN ${preference.mfnRatePercent} %`;
  return `${preference.agreementName} preferential rate for ${preference.originCountry} origin on a ${preference.proof}${mfn}`;
}

function inForce(agreement: TradeAgreement, now: Date): boolean {
  const instant = now.getTime();
  return agreement.validFrom.getTime() <= instant && (agreement.validTo === null || instant < agreement.validTo.getTime());
}

/** The party of `agreement` a country belongs to: itself, or the customs union it is a member of; null when none. */
function partyOf(agreement: TradeAgreement, country: string, unions: readonly CustomsUnion[]): string | null {
  for (const party of agreement.parties) {
    if (party === country) return party;
    const union = unions.find((candidate) => candidate.name === party);
    if (union?.members.includes(country)) return party;
  }
  return null;
}

function mostSpecificRate(
  rates: readonly PreferentialRate[],
  agreement: string,
  destination: string,
  digits: string,
): PreferentialRate | undefined {
  for (const length of [6, 4, 2]) {
    const prefix = digits.slice(0, length);
    const found = rates.find((rate) => rate.agreement === agreement && rate.destination === destination && rate.hsPrefix === prefix);
    if (found) return found;
  }
  return undefined;
}
