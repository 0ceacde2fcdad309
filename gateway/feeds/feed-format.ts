import { XMLBuilder } from 'fast-xml-parser';
import { FEED_ATTRIBUTES, type FeedItem } from './merchant-center-spec.ts';

/** Merchant Center's tab-separated format: a header of attribute names, one line per item; tabs and line breaks in values become spaces. */
export function feedTsv(items: readonly FeedItem[]): string {
  const clean = (value: string | undefined) => (value ?? '').replace(/[\t\r\n]+/g, ' ');
  return `${[FEED_ATTRIBUTES.join('\t'), ...items.map((item) => FEED_ATTRIBUTES.map((attribute) => clean(item[attribute])).join('\t'))].join('\n')}\n`;
}

/** Merchant Center's RSS 2.0 format, attributes in the `g:` namespace. */
export function feedXml(items: readonly FeedItem[], channel: { title: string; link: string; description: string }): string {
  const builder = new XMLBuilder({ ignoreAttributes: false, format: true, attributeNamePrefix: '@_' });
  const body = builder.build({
    rss: {
      '@_version': '2.0',
      '@_xmlns:g': 'http://base.google.com/ns/1.0',
      channel: {
        ...channel,
        item: items.map((item) =>
          Object.fromEntries(
            FEED_ATTRIBUTES.filter((attribute) => item[attribute] !== undefined).map((attribute) => [`g:${attribute}`, item[attribute]]),
          ),
        ),
      },
    },
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}
