import { XMLBuilder } from 'fast-xml-parser';
import { FEED_ATTRIBUTES, type FeedItem } from './merchant-center-spec.ts';

/** A feed written piece by piece: `opening`, then `items` for each page of items, then `closing`. */
export interface FeedFormat {
  opening: string;
  items(items: readonly FeedItem[]): string;
  closing: string;
}

/** Merchant Center's tab-separated format: a header of attribute names, one line per item; tabs and line breaks in values become spaces. */
export const TSV_FORMAT: FeedFormat = {
  opening: `${FEED_ATTRIBUTES.join('\t')}\n`,
  items: (items) => {
    const clean = (value: string | undefined) => (value ?? '').replace(/[\t\r\n]+/g, ' ');
    return items.map((item) => `${FEED_ATTRIBUTES.map((attribute) => clean(item[attribute])).join('\t')}\n`).join('');
  },
  closing: '',
};

/** Merchant Center's RSS 2.0 format, attributes in the `g:` namespace. */
export function xmlFormat(channel: { title: string; link: string; description: string }): FeedFormat {
  const builder = new XMLBuilder({ ignoreAttributes: false, format: true, attributeNamePrefix: '@_' });
  // Elements at the start of a line, not re-indented: text with line breaks (a description) stays exactly as it is.
  return {
    opening: `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n<channel>\n${builder.build(channel)}`,
    items: (items) =>
      builder.build({
        item: items.map((item) =>
          Object.fromEntries(
            FEED_ATTRIBUTES.filter((attribute) => item[attribute] !== undefined).map((attribute) => [`g:${attribute}`, item[attribute]]),
          ),
        ),
      }),
    closing: '</channel>\n</rss>\n',
  };
}

function whole(format: FeedFormat, items: readonly FeedItem[]): string {
  return format.opening + format.items(items) + format.closing;
}

/** A whole feed in the tab-separated format. */
export function feedTsv(items: readonly FeedItem[]): string {
  return whole(TSV_FORMAT, items);
}

/** A whole feed in the RSS 2.0 format. */
export function feedXml(items: readonly FeedItem[], channel: { title: string; link: string; description: string }): string {
  return whole(xmlFormat(channel), items);
}
