/** A category's ancestors and itself, top first: its dotted id's prefixes (`a.b.c` → `a`, `a.b`, `a.b.c`). */
export function categoryPath(categoryId: string): string[] {
  return categoryId.split('.').map((_, index, parts) => parts.slice(0, index + 1).join('.'));
}
