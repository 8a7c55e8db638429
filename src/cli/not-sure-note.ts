/** How the terminal shows the not-sure share beside a net sentiment (docs/figures.md, "Not sure" sentiment). */
import { wholePercent } from '../watch/figure-definitions.ts';

/** "  12 % not sure", or nothing when no mention has a sentiment. */
export const notSureNote = (share: number | null | undefined) => (share == null ? '' : `  ${wholePercent(share)} % not sure`);
