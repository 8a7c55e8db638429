/**
 * Builds src/nlp/models/eld-medium.bin.gz, the compact copy of eld's "medium" n-gram
 * database that the untrained-language fallback loads (see src/nlp/eld-table.ts for why).
 * Reads the installed eld package only (Apache-2.0, credited in ATTRIBUTION.md), never
 * ../shared. Rerun after upgrading eld: `npx tsx scripts/nlp/build-eld-table.ts`.
 */
import { writeFileSync } from 'node:fs';
import { encodeEldTable, type EldDatabase } from '../../src/nlp/eld-table.ts';
import { ELD_TABLE_PATH, eldPackageFile } from '../../src/nlp/untrained.ts';

const { version } = (await import(eldPackageFile('package.json'), { with: { type: 'json' } })).default as { version: string };
const { ngramsData } = (await import(eldPackageFile('src/ngrams/medium.js'))) as { ngramsData: EldDatabase };
const file = encodeEldTable(ngramsData, `eld ${version} medium`);
writeFileSync(ELD_TABLE_PATH, file);
console.log(`${ELD_TABLE_PATH}: ${Object.keys(ngramsData.ngrams).length} n-grams, ${file.length} bytes`);
