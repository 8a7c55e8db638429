/** The language-ID train/val splits of ../shared/data/langid (20 languages, romanized Hindi as `hi`). */
import { SHARED_DATA, readJsonLines } from './data.ts';

export interface LangidRow {
  text: string;
  lang: string;
  source: string;
}

export function loadLangid(split: 'train' | 'val'): LangidRow[] {
  return readJsonLines<LangidRow>(`${SHARED_DATA}langid/${split}.jsonl`);
}
