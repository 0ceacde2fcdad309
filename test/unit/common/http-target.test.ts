import { describe, expect, it } from 'vitest';
import { pathAndSearchOf } from '../../../subgraphs/common/http.ts';

describe('pathAndSearchOf', () => {
  it('gives what the URL parser gives, for the short-cut targets and for the ones it parses', () => {
    const targets = [
      '/graphql',
      '/',
      '/health',
      '/ready',
      '/graphql?query=%7B__typename%7D',
      '/graphql?',
      '/a/../health',
      '/%68ealth',
      '//graphql',
      '/graphql#x',
      undefined,
    ];
    for (const target of targets) {
      const url = new URL(target ?? '/', 'http://localhost');
      expect(pathAndSearchOf(target), String(target)).toEqual({ pathname: url.pathname, search: url.search });
    }
  });
});
