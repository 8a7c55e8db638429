import { log } from '../../core/log.ts';
import { QueryBudgetError } from './budget.ts';
import type { Matchable } from './context.ts';
import type { CompiledQuery } from './matcher.ts';
import type { WorkBudget } from './budget.ts';

/**
 * `query.matches` for stored and incoming mentions: a mention the query cannot be
 * matched against within its work budget counts as not matching (an import must not
 * stop on one pathological text), and that is logged once per topic.
 */
export function budgetedMatcher(query: CompiledQuery, topic: string): (subject: Matchable, budget?: WorkBudget) => boolean {
  let warned = false;
  return (subject, budget) => {
    try {
      return query.matches(subject, budget);
    } catch (error) {
      if (!(error instanceof QueryBudgetError)) throw error;
      if (!warned) log.warn({ topic, problem: error.message }, 'topic query too costly for a mention; counted as not matching');
      warned = true;
      return false;
    }
  };
}
