// A partner's program: the product page in German for Germany, by registered document id only.
//   MERIDIAN_URL=http://127.0.0.1:4000/graphql MERIDIAN_API_KEY=mrd_… node examples/partner/src/main.ts [productId]
import { createPartnerClient } from './client.ts';
import { ProductPageDocument } from './gql/graphql.ts';

const apiKey = process.env.MERIDIAN_API_KEY;
if (!apiKey) {
  console.error('Set MERIDIAN_API_KEY (npm run keys -- create --client <you> --scope trusted-only).');
  process.exit(2);
}
const client = createPartnerClient({ url: process.env.MERIDIAN_URL ?? 'http://127.0.0.1:4000/graphql', apiKey });
const page = await client.execute(ProductPageDocument, {
  id: process.argv[2] ?? '7ce31321b7bc056f4f9efa30',
  country: 'DE',
  locale: 'de-DE',
});
// `page.product.content.title` is typed: the generated document knows the result's shape.
console.log(JSON.stringify(page.product, null, 2));
