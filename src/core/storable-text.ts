/** What no store can keep as it is: PostgreSQL refuses U+0000 in text (and the whole statement with it), and an unpaired surrogate is not Unicode. */
export function storableTextProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'contains U+0000 (NUL), which no store can keep';
  if (!(value as string & { isWellFormed(): boolean }).isWellFormed()) return 'contains an unpaired UTF-16 surrogate, which is not valid Unicode';
  return null;
}
