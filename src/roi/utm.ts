/**
 * UTM parameters, spelled one way. Analytics tools treat `Newsletter`, `newsletter ` and
 * `news letter` as three campaigns; Murmur folds every value to lower-case ASCII words
 * joined by '-', so links, campaigns and CRM rows always meet on the same key.
 */
import { foldText } from '../core/text.ts';
import { ValidationError } from '../core/validation.ts';

export const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term'] as const;
export type UtmKey = (typeof UTM_KEYS)[number];
export type UtmParams = { utm_source: string; utm_medium: string; utm_campaign: string; utm_content?: string | null; utm_term?: string | null };

/** `  Spring Sale 2026! ` → `spring-sale-2026`; `Été` → `ete`. Empty stays empty. */
export function normalizeUtmValue(value: string): string {
  return foldText(value)
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

/** The value normalised, or null when it is absent or folds to nothing. */
export function optionalUtm(value: string | null | undefined): string | null {
  if (value == null) return null;
  const normalized = normalizeUtmValue(value);
  return normalized === '' ? null : normalized;
}

/** Normalises the required parameters, failing with the name of any that folds to nothing. */
export function normalizeUtm(params: UtmParams): Required<UtmParams> {
  const out = {
    utm_source: normalizeUtmValue(params.utm_source),
    utm_medium: normalizeUtmValue(params.utm_medium),
    utm_campaign: normalizeUtmValue(params.utm_campaign),
    utm_content: optionalUtm(params.utm_content),
    utm_term: optionalUtm(params.utm_term),
  };
  for (const key of ['utm_source', 'utm_medium', 'utm_campaign'] as const) {
    if (!out[key]) throw new ValidationError(`${key}: "${params[key]}" has no letters or digits`);
  }
  return out;
}

/** The destination with the utm_* parameters set (replacing any already there), other parameters kept. */
export function buildUtmUrl(baseUrl: string, params: UtmParams): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ValidationError(`url: "${baseUrl}" is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ValidationError(`url: only http(s) links can carry UTM parameters`);
  const normalized = normalizeUtm(params);
  for (const key of UTM_KEYS) {
    url.searchParams.delete(key);
    const value = normalized[key];
    if (value) url.searchParams.set(key, value);
  }
  return url.toString();
}

/** The normalised utm_* values of a landing URL (what a CRM records), null where absent. */
export function parseUtm(url: string): Record<UtmKey, string | null> {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    params = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
  }
  return Object.fromEntries(UTM_KEYS.map((k) => [k, optionalUtm(params.get(k))])) as Record<UtmKey, string | null>;
}
