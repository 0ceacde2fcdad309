import { Decimal } from 'decimal.js';
import { fallbackChain, lookupChain } from '../../common/locale/index.ts';
import { canonicalizeLocale } from '../../common/locale/index.ts';
import { resolveField, translationsOfField } from './resolve-field.ts';

/** One product's localized content: text per locale per field, as the localization collection stores it. */
export interface ProductContent {
  readonly productId: string;
  /** For example `{ de: { title: 'Wanderschuh', description: null }, en: { title: 'Hiking boot', … } }`. */
  readonly content: Readonly<Record<string, Readonly<Record<string, string | null | undefined>> | null | undefined>>;
}

/** What the coverage report covers. */
export interface CoverageOptions {
  /** Locales to report on, in the order the report lists them. */
  readonly locales: readonly string[];
  /** Fields every product should have in every locale, for example ['title', 'description']. */
  readonly fields: readonly string[];
  /** Where shoppers land when a translation is missing; named in each fallback. */
  readonly defaultLocale: string;
}

/** A count out of a total, exact: integers, plus a percentage string rounded once, half-up. */
export interface CoverageRatio {
  readonly translated: number;
  readonly total: number;
  /** Percentage with one decimal ('66.7'); null when the total is 0, where no percentage is meaningful. */
  readonly percent: string | null;
}

/** A field shoppers of a locale see in another language, or not at all. */
export interface FieldFallback {
  readonly productId: string;
  readonly field: string;
  /** The locale whose text is shown instead (from the default's chain), or null when no text exists. */
  readonly servedFrom: string | null;
}

/** Translation coverage of one locale. */
export interface LocaleCoverage {
  readonly locale: string;
  /** Products with every field in this locale's language. */
  readonly products: CoverageRatio;
  /** Individual product fields in this locale's language, out of products × fields. */
  readonly fields: CoverageRatio;
  /** Every untranslated field, in product order then field order: the editors' to-do list. */
  readonly fallbacks: readonly FieldFallback[];
}

/**
 * The analytics "translation coverage" report: per locale, how many products and fields a shopper
 * reads in their own language, and which fields fall back to what. A field counts as translated
 * when its locale's own lookup chain has it (for 'de-AT', German text keyed 'de' counts, since an
 * Austrian shopper reads it as German); only falling to the default language, or to nothing, is a
 * fallback. The rules are `resolveField`'s, so the report matches what the graph actually serves.
 *
 * @throws DomainError BAD_USER_INPUT when a requested locale or the default is malformed.
 */
export function computeTranslationCoverage(products: readonly ProductContent[], options: CoverageOptions): LocaleCoverage[] {
  const defaultLocale = canonicalizeLocale(options.defaultLocale);
  return options.locales.map((requested) => {
    const locale = canonicalizeLocale(requested);
    const ownChain = lookupChain(locale);
    const servingChain = fallbackChain(locale, { defaultLocale });
    const fallbacks: FieldFallback[] = [];
    let completeProducts = 0;
    for (const product of products) {
      let missing = 0;
      for (const field of options.fields) {
        const translations = translationsOfField(product.content, field);
        if (resolveField(translations, ownChain) !== null) continue;
        missing += 1;
        const served = resolveField(translations, servingChain);
        fallbacks.push({ productId: product.productId, field, servedFrom: served?.locale ?? null });
      }
      if (missing === 0) completeProducts += 1;
    }
    const fieldTotal = products.length * options.fields.length;
    return {
      locale,
      products: coverageRatio(completeProducts, products.length),
      fields: coverageRatio(fieldTotal - fallbacks.length, fieldTotal),
      fallbacks,
    };
  });
}

/**
 * `translated` out of `total` with its percentage to `decimals` places, rounded half-up in exact
 * decimal arithmetic so 2 of 3 reads '66.7' on every machine instead of a drifting binary float.
 */
export function coverageRatio(translated: number, total: number, decimals = 1): CoverageRatio {
  const percent = total === 0 ? null : new Decimal(translated).times(100).div(total).toFixed(decimals, Decimal.ROUND_HALF_UP);
  return { translated, total, percent };
}

/**
 * Products whose translations have one shape: the same locales with usable text in the same fields. A catalog has
 * few shapes however many products it holds, so the database counts products per shape and the report is worked
 * out per shape.
 */
export interface ContentShape {
  /** The shape as `ProductContent.content`: a field's text is any non-blank string where the products have one. */
  readonly content: ProductContent['content'];
  /** How many products have this shape. */
  readonly count: number;
  /** The first of them in product order, at least as many as the report lists. */
  readonly firstProductIds: readonly string[];
}

/** Translation coverage of one locale, with the first products falling back and their missing fields. */
export interface LocaleCoverageSummary {
  readonly locale: string;
  readonly products: CoverageRatio;
  readonly fields: CoverageRatio;
  /** The first `limit` products (in product order) with a field falling back, and those fields. */
  readonly missing: readonly { productId: string; fields: string[] }[];
}

/**
 * {@link computeTranslationCoverage} over products counted by shape: the same ratios, and the first `limit`
 * falling-back products with their fields, in product order.
 */
export function summarizeTranslationCoverage(
  shapes: readonly ContentShape[],
  options: CoverageOptions,
  limit: number,
): LocaleCoverageSummary[] {
  const reports = shapes.map((shape) => computeTranslationCoverage([{ productId: '', content: shape.content }], options));
  return computeTranslationCoverage([], options).map(({ locale }, index) => {
    let products = 0;
    let complete = 0;
    let fieldsMissing = 0;
    const missing: { productId: string; fields: string[] }[] = [];
    for (const [shapeIndex, shape] of shapes.entries()) {
      const coverage = reports[shapeIndex]![index]!;
      const fields = coverage.fallbacks.map((fallback) => fallback.field);
      products += shape.count;
      complete += coverage.products.translated * shape.count;
      fieldsMissing += fields.length * shape.count;
      if (fields.length > 0) for (const productId of shape.firstProductIds) missing.push({ productId, fields });
    }
    missing.sort((a, b) => a.productId.localeCompare(b.productId));
    const fieldTotal = products * options.fields.length;
    return {
      locale,
      products: coverageRatio(complete, products),
      fields: coverageRatio(fieldTotal - fieldsMissing, fieldTotal),
      missing: missing.slice(0, limit),
    };
  });
}

/** A translation row as far as the shape of a product's text goes: its locale and its fields' text. */
export type TranslationRow = { readonly locale: string };

/**
 * The shape of one product's translations: per field, the locales (sorted, as stored) whose text is not blank.
 * An editor's empty draft is not a translation. Sorted so that products of one shape compare equal.
 */
export function localesWithTextOf(rows: readonly TranslationRow[], fields: readonly string[]): Record<string, string[]> {
  return Object.fromEntries(
    fields.map((field) => {
      const hasText = (row: TranslationRow) => {
        const text: unknown = (row as Readonly<Record<string, unknown>>)[field];
        return typeof text === 'string' && /\S/.test(text);
      };
      const locales = rows.filter(hasText).map((row) => row.locale);
      return [field, [...new Set(locales)].sort()];
    }),
  );
}
