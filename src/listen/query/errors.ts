import { MurmurError } from '../../core/errors.ts';

/**
 * The one error a malformed query produces (400, `query_syntax`). It names the problem,
 * the character position (1-based, as people count) and can draw a caret under the query.
 */
export class QuerySyntaxError extends MurmurError {
  override name = 'QuerySyntaxError';
  /** 0-based UTF-16 offset into the query. */
  readonly offset: number;
  /** 1-based character position, the one the message shows. */
  readonly position: number;
  /** The problem without the position, e.g. `expected a term or "(" after AND`. */
  readonly problem: string;

  constructor(
    readonly query: string,
    offset: number,
    problem: string,
  ) {
    const clamped = Math.max(0, Math.min(offset, query.length));
    const position = [...query.slice(0, clamped)].length + 1;
    super('query_syntax', 400, `${problem} at position ${position}`);
    this.offset = clamped;
    this.position = position;
    this.problem = problem;
  }

  /** The query on one line and a caret under the faulty spot, then the problem. */
  get caret(): string {
    // Keep the display on one line: newlines and tabs in the query become spaces.
    const line = this.query.replace(/[\r\n\t]/g, ' ');
    return `  ${line}\n  ${' '.repeat(this.position - 1)}^ ${this.problem}`;
  }
}
