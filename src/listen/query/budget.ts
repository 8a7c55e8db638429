/**
 * A work budget for matching one query: every loop of the matcher spends steps from it,
 * so a query whose cost blows up (nested wildcards on a 40,000-letter word, a proximity
 * phrase of many common words) stops with a clear error instead of holding the process.
 * Steps, not time: the limit is the same on every machine, and tests can assert on it.
 */
import type { SourceRange } from './ast.ts';
import { QuerySyntaxError } from './errors.ts';

/** Steps one query may spend on one mention (a step is a character compared, a position visited...). */
export const MATCH_BUDGET = 2_000_000;

/** The query needed more steps than its budget; names the part of the query that was running. */
export class QueryBudgetError extends QuerySyntaxError {
  override name = 'QueryBudgetError';
}

export class WorkBudget {
  spent = 0;
  /** The part of the query being evaluated, named by the error when the budget runs out. */
  at: SourceRange | null = null;

  constructor(
    readonly limit: number = MATCH_BUDGET,
    readonly query = '',
  ) {}

  spend(steps: number): void {
    this.spent += steps;
    if (this.spent > this.limit) {
      const part = this.at ? this.query.slice(this.at.start, this.at.end) : this.query;
      const shown = part.length > 60 ? `${part.slice(0, 57)}...` : part;
      throw new QueryBudgetError(
        this.query,
        this.at?.start ?? 0,
        `the query needs more than ${this.limit.toLocaleString('en')} steps to match; "${shown}" costs too much: make its wildcards or words more specific or its distance smaller`,
      );
    }
  }
}

/** A budget that never runs out, for callers that bound the work themselves. */
export const UNLIMITED: WorkBudget = new WorkBudget(Number.POSITIVE_INFINITY);
