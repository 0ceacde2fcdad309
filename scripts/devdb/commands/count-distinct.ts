import { resolve } from 'mingo/util';
import { keyOf } from '../bson-values.ts';
import { CommandError, ErrorCode } from '../errors.ts';
import { collatorOf } from '../mingo-options.ts';
import { checkHint, collationOf, countDocuments, filterOf, selectDocuments } from '../select.ts';
import type { CommandHandler } from './context.ts';
import { collectionNameOf } from './names.ts';

/** `count` (estimatedDocumentCount and legacy count): matching documents after skip/limit. */
const count: CommandHandler = (body, context) => {
  const name = collectionNameOf(body, 'count');
  const collection = context.storage.find(context.database, name);
  const filter = filterOf(body['query'], 'query');
  checkHint(collection, body['hint']);
  if (Object.keys(filter).length === 0 && !body['skip'] && !body['limit']) return { n: collection?.size ?? 0 };
  const rawLimit = body['limit'];
  const limit = typeof rawLimit === 'number' ? Math.abs(rawLimit) : rawLimit;
  return { n: countDocuments(collection, filter, { skip: body['skip'], limit, collation: body['collation'] }) };
};

/**
 * `distinct`: the distinct values at `key` among matching documents. Array values contribute their
 * elements, and values MongoDB considers equal (5, 5.0, Long(5)) are reported once.
 */
const distinct: CommandHandler = (body, context) => {
  const name = collectionNameOf(body, 'distinct');
  const key = body['key'];
  if (typeof key !== 'string' || key.length === 0) throw new CommandError(ErrorCode.TypeMismatch, "distinct needs a 'key' string");
  const { docs } = selectDocuments(context.storage.find(context.database, name), filterOf(body['query'], 'query'), {
    collation: body['collation'],
  });
  const collation = collationOf(body['collation']);
  const collator = collation ? collatorOf(collation) : undefined;
  const values = new Map<string, unknown>();
  // Under a collation, strings the collator finds equal are one value (the first one met).
  const strings: string[] = [];
  for (const doc of docs) {
    const value: unknown = resolve(doc, key);
    if (value === undefined) continue;
    const items = Array.isArray(value) ? (key.includes('.') ? value.flat() : value) : [value];
    for (const item of items) {
      if (collator && typeof item === 'string') {
        if (!strings.some((seen) => collator.compare(seen, item) === 0)) {
          strings.push(item);
          values.set(keyOf(item), item);
        }
        continue;
      }
      const itemKey = keyOf(item);
      if (!values.has(itemKey)) values.set(itemKey, item);
    }
  }
  return { values: [...values.values()] };
};

export const countCommands: Record<string, CommandHandler> = { count, distinct };
