/**
 * The deepest bracket nesting (`{`, `[`, `(`) of a GraphQL document's text, outside strings and comments,
 * stopping as soon as it passes `limit`. graphql-js parses recursively and overflows the stack near 2 000
 * levels, before its `maxTokens` budget can stop it; this linear scan runs first, so a 20 000-deep `{a{a{…` is
 * refused by its depth instead of crashing the parser.
 */
export function queryNestingDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (char === '"') {
      if (text.startsWith('"""', i)) {
        i += 3;
        while (i < text.length && !text.startsWith('"""', i)) i += text[i] === '\\' && text.startsWith('"""', i + 1) ? 4 : 1;
        i += 2;
      } else {
        i++;
        while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      }
    } else if (char === '{' || char === '[' || char === '(') {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (char === '}' || char === ']' || char === ')') {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}
