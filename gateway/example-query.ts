import { stableObjectIdHex } from '../subgraphs/common/ids.ts';

/** The product page query the gateway exists for, as printed by `npm start` and shown in the README. */
export const EXAMPLE_QUERY = /* GraphQL */ `
  query ProductPage($id: ID!) {
    product(id: $id) {
      sku
      brand
      hsCode
      originCountry
      content(locale: "de-DE") { title description locale }
      price(country: DE) {
        amount { amount currencyCode formatted(locale: "de-DE") }
        taxIncluded
        tax { amount { amount } }
        duty { amount { amount } included }
      }
      delivery(shipTo: DE) {
        shippable
        reason
        earliest
        latest
        fromWarehouse { id country }
        text(locale: "de-DE")
      }
    }
  }
`;

/** Variables of {@link EXAMPLE_QUERY}: the headphones in black. */
export const EXAMPLE_VARIABLES = { id: stableObjectIdHex('ELE-ANC-BLA') };
