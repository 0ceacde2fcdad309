// `npm run feeds [-- --gateway http://127.0.0.1:4000/graphql] [--out .data/feeds] [--format tsv|xml|both]
// [--only CH-fr,DE-de]`: writes every market's Google Merchant Center feed in each of its languages
// (`<country>-<language>.tsv` / `.xml`), read through a running gateway exactly as product pages read it, checks every
// item against the specification's required attributes, and prints each feed's size and time. The gateway's API
// key, if it needs one, is read from MERIDIAN_API_KEY. The same feeds are served at `/feeds/<country>-<language>.tsv`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildFeed, listFeedSites, type FeedGraphReader } from '../gateway/feeds/build-feed.ts';
import { feedTsv, feedXml } from '../gateway/feeds/feed-format.ts';
import { feedItemProblems } from '../gateway/feeds/merchant-center-spec.ts';
import { clockFromEnv } from '../subgraphs/common/clock.ts';

const { values } = parseArgs({
  options: {
    gateway: { type: 'string', default: 'http://127.0.0.1:4000/graphql' },
    out: { type: 'string', default: '.data/feeds' },
    format: { type: 'string', default: 'both' },
    only: { type: 'string' },
  },
});
if (!['tsv', 'xml', 'both'].includes(values.format)) {
  console.error(`feeds: --format must be tsv, xml or both, got "${values.format}"`);
  process.exit(2);
}
const apiKey = process.env.MERIDIAN_API_KEY;
const read: FeedGraphReader = async (query, variables) => {
  const response = await fetch(values.gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(apiKey ? { 'x-api-key': apiKey } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Awaited<ReturnType<FeedGraphReader>>;
};

const started = performance.now();
const only = values.only?.split(',').map((name) => name.trim().toLowerCase());
const sites = (await listFeedSites(read)).filter((site) => !only || only.includes(`${site.country}-${site.locale}`.toLowerCase()));
mkdirSync(values.out, { recursive: true });
let failures = 0;
for (const site of sites) {
  const siteStarted = performance.now();
  const items = await buildFeed(read, site, clockFromEnv()());
  const name = `${site.country}-${site.locale}`;
  for (const item of items) {
    const problems = feedItemProblems(item);
    if (problems.length > 0) {
      failures += 1;
      console.error(`${name} ${item.id}: ${problems.join(', ')}`);
    }
  }
  if (values.format !== 'xml') writeFileSync(join(values.out, `${name}.tsv`), feedTsv(items));
  if (values.format !== 'tsv') {
    writeFileSync(
      join(values.out, `${name}.xml`),
      feedXml(items, {
        title: `Products ${name}`,
        link: values.gateway,
        description: `Product feed for ${site.country} in ${site.locale}`,
      }),
    );
  }
  console.log(`${name.padEnd(12)} ${String(items.length).padStart(7)} items  ${Math.round(performance.now() - siteStarted)} ms`);
}
console.log(`${sites.length} feeds in ${Math.round(performance.now() - started)} ms, written to ${values.out}`);
if (failures > 0) {
  console.error(`${failures} items miss required attributes`);
  process.exit(1);
}
