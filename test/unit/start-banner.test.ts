import { describe, expect, it } from 'vitest';
import { formatStartBanner, README_CLOCK, type BannerData } from '../../scripts/start-banner.ts';

const URL = 'http://127.0.0.1:4000/graphql';
const DATA: BannerData = {
  markets: [
    { country: 'DE', currency: 'EUR', incoterm: 'DDP' },
    { country: 'US', currency: 'USD', incoterm: 'DAP' },
  ],
  translationCoverage: [
    { locale: 'en', percentTranslated: '100.0' },
    { locale: 'ar', percentTranslated: '44.1' },
  ],
  duty: {
    sku: 'ELE-ANC-BLA',
    id: 'x',
    price: { amount: { formatted: '€258.64' }, duty: { amount: { formatted: '€4.26' }, included: true }, market: { incoterm: 'DDP' } },
  },
  restricted: {
    sku: 'PAN-SAKE-720',
    id: 'y',
    delivery: { shippable: false, reason: 'RESTRICTED_GOODS', message: 'We cannot ship alcoholic beverages to Kuwait' },
  },
  sale: { sku: 'APP-MERINO-OLI', id: 'z', price: { amount: { formatted: '€139.00' }, compareAt: null, saleEndsAt: null } },
};

describe('npm start banner text', () => {
  it('lists markets, locales with content and the three sample SKUs with why each is interesting', () => {
    const banner = formatStartBanner(DATA, { gatewayUrl: URL });
    expect(banner).toContain('Markets:      DE (EUR, DDP), US (USD, DAP)');
    expect(banner).toContain('Content in:   en 100.0 %, ar 44.1 %');
    expect(banner).toContain('ELE-ANC-BLA     DE: €258.64, DDP — import duty €4.26 included in the price');
    expect(banner).toContain('PAN-SAKE-720    KW: not shippable, RESTRICTED_GOODS (We cannot ship alcoholic beverages to Kuwait)');
    // After the seeded sale has ended, it says so rather than promising a sale price.
    expect(banner).toContain('APP-MERINO-OLI  DE: €139.00, no sale running today');
  });

  it('says which clock the README answer needs, and whether this run has it', () => {
    expect(formatStartBanner(DATA, { gatewayUrl: URL })).toContain(`start with MERIDIAN_NOW=${README_CLOCK} npm start to match`);
    expect(formatStartBanner(DATA, { gatewayUrl: URL, pinnedNow: README_CLOCK })).toContain("the answer is exactly the README's");
    expect(formatStartBanner(DATA, { gatewayUrl: URL, pinnedNow: '2027-01-04T09:00:00Z' })).toContain('its delivery dates differ');
    expect(formatStartBanner(DATA, { gatewayUrl: URL })).toMatch(
      /curl -s http:\/\/127\.0\.0\.1:4000\/graphql .*\n +--data '\{"query":"query ProductPage/,
    );
  });

  it('still prints the curl when the graph could not be asked', () => {
    const banner = formatStartBanner(null, { gatewayUrl: URL });
    expect(banner).toContain('could not ask the graph');
    expect(banner).toContain(`curl -s ${URL}`);
  });
});
