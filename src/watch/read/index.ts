/**
 * The I/O edge of Watch: everything the analytics read from the store, as typed data
 * (read/model.ts). Aggregations that shrink the data a lot (per author, per hashtag) run in
 * SQL; the analytics modules rank, compare and explain. One reader module per kind of
 * source: the rollups, single mentions, authors, topics.
 */
export * from './model.ts';
export * from './topics.ts';
export * from './rollup.ts';
export * from './mentions.ts';
export * from './authors.ts';
