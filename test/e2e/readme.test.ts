// README.md is true to the letter: every sample request it shows (a ```graphql block, with its ```json variables)
// is sent to the real stack at the clock the README states, and the answer must be exactly the ```json block the
// README shows after it — same fields, same order, same characters (no-break and thin spaces included). A README
// edit that drifts from the code, or a code change that drifts from the README, fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../subgraphs/common/clock.ts';
import type { RunningStack } from '../../scripts/stack.ts';
import { BANNER_QUERY, buildStartBanner, README_CLOCK } from '../../scripts/start-banner.ts';
import { fencedBlocks, readReadme, readmeClock, readmeSamples } from '../readme-document.ts';
import { startTestStack } from './stack.ts';

const readme = readReadme();
const samples = readmeSamples(readme);
let stack: RunningStack;

beforeAll(async () => {
  // The Swiss samples of `marketProducts` read the price projection: one pass of the projector fills it.
  stack = await startTestStack({ clock: fixedClock(readmeClock(readme)), priceProjection: { intervalMs: 3_600_000, countries: ['CH'] } });
  await stack.priceProjector?.settled();
});
afterAll(async () => {
  await stack?.stop();
});

/** Sends an operation as a web client would and returns the response body exactly as the gateway wrote it. */
async function post(query: string, variables: Record<string, unknown>): Promise<string> {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return response.text();
}

describe('README.md sample answers, at the clock it states', () => {
  it.each(samples.map((sample) => [`${sample.name} (README.md line ${sample.line})`, sample] as const))('%s', async (_, sample) => {
    const { extensions, ...answer } = JSON.parse(await post(sample.query, sample.variables)) as Record<string, unknown>;
    const documented = JSON.parse(sample.answer) as Record<string, unknown>;
    // Every answer also carries the operation's cost (README, "Limits, errors and outages"); the samples show
    // `data` and `errors`, which must match exactly, and the cost only where a sample documents it.
    expect(extensions).toMatchObject({ cost: { requestedQueryCost: expect.any(Number) } });
    const actual = 'extensions' in documented ? { ...answer, extensions } : answer;
    expect(actual).toEqual(documented);
    // Same order of keys too: the README shows the answer as the server writes it.
    expect(JSON.stringify(actual)).toBe(JSON.stringify(documented));
  });
});

describe('README.md feed excerpts', () => {
  const excerpts = fencedBlocks(readme).filter((block) => block.info.startsWith('tsv /feeds/'));
  it.each(excerpts.map((block) => [`${block.info} (README.md line ${block.line})`, block] as const))('%s', async (_, block) => {
    const path = block.info.slice('tsv '.length);
    const response = await fetch(stack.gatewayUrl.replace(/\/graphql$/, path));
    expect(response.status).toBe(200);
    const feed = (await response.text()).split('\n');
    for (const line of block.text.split('\n')) expect(feed).toContain(line);
  });
});

describe('npm start banner', () => {
  it('names the markets, the locales with content and three sample SKUs, from the graph, and the README clock', async () => {
    const banner = await buildStartBanner({ gatewayUrl: stack.gatewayUrl, pinnedNow: undefined });
    const { data } = JSON.parse(await post(BANNER_QUERY, {})) as {
      data: { markets: { country: string }[]; translationCoverage: { locale: string }[] };
    };
    for (const { country } of data.markets) expect(banner).toContain(`${country} (`);
    for (const { locale } of data.translationCoverage) expect(banner).toContain(`${locale} `);
    expect(banner).toMatch(/ELE-ANC-BLA +DE: €258\.64, DDP — import duty €4\.26 included in the price/);
    expect(banner).toMatch(/PAN-SAKE-720 +KW: not shippable, RESTRICTED_GOODS/);
    expect(banner).toMatch(/APP-MERINO-OLI +DE: on sale, €111\.00 instead of €139\.00/);
    expect(banner).toContain(`MERIDIAN_NOW=${README_CLOCK} npm start`);
    expect(banner).toContain(`curl -s ${stack.gatewayUrl}`);
  });
});
