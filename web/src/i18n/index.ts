/**
 * i18next set up for the five UI languages. English is the source: its object's type is
 * what every other locale must match (so a missing key fails the typecheck), and
 * locales.test.ts checks the same at run time.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en.ts';
import { fr } from './locales/fr.ts';
import { it } from './locales/it.ts';
import { bg } from './locales/bg.ts';
import { id } from './locales/id.ts';

export const LOCALES = { en, fr, it, bg, id } as const;
export type Locale = keyof typeof LOCALES;
export const LOCALE_CODES = Object.keys(LOCALES) as Locale[];

/** Each language's own name for itself, as the picker shows it. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  fr: 'Français',
  it: 'Italiano',
  bg: 'Български',
  id: 'Bahasa Indonesia',
};

const STORAGE_KEY = 'murmur.lang';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && value in LOCALES;
}

/** The remembered choice, else the browser's first supported language, else English. */
export function initialLocale(stored: string | null, browser: readonly string[]): Locale {
  if (isLocale(stored)) return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

export async function setupI18n(): Promise<typeof i18next> {
  const lng = initialLocale(localStorage.getItem(STORAGE_KEY), navigator.languages ?? [navigator.language]);
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    resources: Object.fromEntries(Object.entries(LOCALES).map(([code, messages]) => [code, { translation: messages }])),
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
  return i18next;
}

export async function changeLocale(locale: Locale): Promise<void> {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  await i18next.changeLanguage(locale);
}
