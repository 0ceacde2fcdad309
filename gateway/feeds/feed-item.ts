import type { FeedItem } from './merchant-center-spec.ts';

/** A product as the feed query reads it for one market and language. */
export interface FeedProduct {
  sku: string;
  brand: string;
  gtin: string | null;
  images: { url: string }[];
  netQuantity: { value: string; unit: string } | null;
  stockCountries: string[];
  content: { title: string; description: string; titleText: { locale: string }; descriptionText: { locale: string } | null } | null;
  alternates: { url: string; country: string | null; locale: string }[] | null;
  price: {
    amount: Money;
    compareAt: Money | null;
    saleEndsAt: string | null;
    unitPrice: { referenceQuantity: number; referenceUnit: string } | null;
  } | null;
  delivery: {
    shippable: boolean;
    options: { level: string; charge: { amount: Money }; businessDaysMin: number; businessDaysMax: number }[];
  } | null;
}

interface Money {
  amount: string;
  currencyCode: string;
}

const money = (value: Money) => `${value.amount} ${value.currencyCode}`;

/**
 * The feed item of a product for one market and language, or null when it does not belong in that feed: no page
 * on that site in that language (the site would show another language's text), no price there, or restricted
 * from shipping there. Prices are the product page's: `price` the regular (struck-through) one, which is
 * `compareAt` during a sale — in the EU the lowest price of the prior 30 days (Directive 98/6/EC Art. 6a) — and
 * `sale_price` what the shopper pays now, from `now` until the sale's end.
 */
export function feedItemOf(product: FeedProduct, country: string, locale: string, now: Date): FeedItem | null {
  const page = product.alternates?.find((alternate) => alternate.country === country && alternate.locale === locale);
  const { content, price, delivery } = product;
  if (!page || !content || content.titleText.locale !== locale || !price || !delivery?.shippable) return null;
  // A description only in a fallback language would be the wrong language: the title stands in for it.
  const description = content.descriptionText?.locale === locale && content.description ? content.description : content.title;
  const onSale = price.compareAt !== null;
  // One currency, so one number of decimals: the digits compare as integers, exactly.
  const minor = (value: Money) => BigInt(value.amount.replace('.', ''));
  const cheapest = [...delivery.options].sort((a, b) => (minor(a.charge.amount) < minor(b.charge.amount) ? -1 : 1))[0];
  const item: FeedItem = {
    id: product.sku,
    title: content.title,
    description,
    link: page.url,
    image_link: product.images[0]?.url ?? '',
    availability: product.stockCountries.length > 0 ? 'in_stock' : 'out_of_stock',
    price: money(onSale ? price.compareAt! : price.amount),
    brand: product.brand,
    condition: 'new',
  };
  if (onSale) {
    item.sale_price = money(price.amount);
    if (price.saleEndsAt) item.sale_price_effective_date = `${now.toISOString()}/${price.saleEndsAt}`;
  }
  if (product.gtin) item.gtin = product.gtin;
  else item.identifier_exists = 'no';
  if (cheapest) {
    // country:region:service:price:min_handling:max_handling:min_transit:max_transit; business days door to door.
    item.shipping = `${country}::${cheapest.level}:${money(cheapest.charge.amount)}:0:0:${cheapest.businessDaysMin}:${cheapest.businessDaysMax}`;
  }
  if (price.unitPrice && product.netQuantity) {
    item.unit_pricing_measure = `${product.netQuantity.value} ${product.netQuantity.unit.toLowerCase()}`;
    item.unit_pricing_base_measure = `${price.unitPrice.referenceQuantity} ${price.unitPrice.referenceUnit.toLowerCase()}`;
  }
  return item;
}
