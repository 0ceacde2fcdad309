import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TSV_FORMAT } from '../../gateway/feeds/feed-format.ts';
import { streamFeed } from '../../gateway/feeds/feed-route.ts';
import type { FeedItem } from '../../gateway/feeds/merchant-center-spec.ts';

// The feed route's writer over a real HTTP server and client: pages go out as they are read, and a page that
// cannot be read after the first cuts the download off rather than ending a shorter feed that looks complete.
let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

const item = (id: string) => ({ id, title: `Item ${id}`, price: '1.00 CHF' }) as unknown as FeedItem;

async function serve(pages: () => AsyncGenerator<FeedItem[]>): Promise<string> {
  server = createServer((_req, res) => {
    streamFeed(res, 'text/tab-separated-values; charset=utf-8', TSV_FORMAT, pages()).catch(() => {
      res.writeHead(502).end('no first page\n');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.tsv`;
}

describe('a streamed product feed', () => {
  it('sends every page, chunked, each as it is read', async () => {
    let release!: () => void;
    const secondPage = new Promise<void>((resolve) => {
      release = resolve;
    });
    const url = await serve(async function* () {
      yield [item('a'), item('b')];
      await secondPage;
      yield [item('c')];
    });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    const reader = response.body!.getReader();
    // The first page arrives while the second has not been read yet.
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first.split('\n')[0]).toMatch(/^id\ttitle\t/);
    release();
    let rest = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += new TextDecoder().decode(value);
    }
    const lines = (first + rest).trimEnd().split('\n');
    expect(lines.slice(1).map((line) => line.split('\t')[0])).toEqual(['a', 'b', 'c']);
  });

  it('cuts the download off when a later page cannot be read', async () => {
    const url = await serve(async function* () {
      yield [item('a')];
      throw new Error('pricing did not answer');
    });
    // Whether the first page reached the client before the cut or not, the download fails.
    await expect(fetch(url).then((response) => response.text())).rejects.toThrow();
  });

  it('answers an error status when the first page cannot be read', async () => {
    const url = await serve(async function* () {
      yield* [];
      throw new Error('the graph did not answer');
    });
    const response = await fetch(url);
    expect(response.status).toBe(502);
  });
});
