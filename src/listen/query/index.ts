/** The topic query language: parse, compile, explain, pre-filter. */
export type { QueryNode, QueryField, WordPattern } from './ast.ts';
export { QUERY_FIELDS } from './ast.ts';
export { QuerySyntaxError } from './errors.ts';
export { MATCH_BUDGET, QueryBudgetError, WorkBudget } from './budget.ts';
export { parseQuery } from './parser.ts';
export { compileQuery, type CompiledQuery } from './matcher.ts';
export type { Matchable } from './context.ts';
export { explainMatch, type Explanation, type ExplainNode, type TextSpan } from './explain.ts';
export { candidateCondition, requirement, describeRequirement, type Requirement } from './prefilter.ts';
export { loadTopicMatchers } from './topic-matchers.ts';
