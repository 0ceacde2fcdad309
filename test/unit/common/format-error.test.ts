import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { createErrorFormatter } from '../../../subgraphs/common/contract/format-error.ts';
import { badUserInput } from '../../../subgraphs/common/contract/errors.ts';

const format = createErrorFormatter(false);

describe('error normaliser', () => {
  it('keeps a domain error’s code, message and details', () => {
    const thrown = new GraphQLError('wrapped', { originalError: badUserInput('Unknown market "FR"', { country: 'FR' }) });
    const formatted = format({ message: 'wrapped', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } }, thrown);
    expect(formatted).toEqual({ message: 'Unknown market "FR"', extensions: { code: 'BAD_USER_INPUT', country: 'FR' } });
  });

  it('hides an unexpected error behind a generic message without a stack trace', () => {
    const thrown = new GraphQLError('boom', { originalError: new TypeError('cannot read x of undefined') });
    const formatted = format(
      {
        message: 'cannot read x of undefined',
        path: ['product'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['TypeError…'] },
      },
      thrown,
    );
    expect(formatted).toEqual({ message: 'Internal server error', path: ['product'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('keeps a scalar’s BAD_USER_INPUT when graphql-js reports it as a validation failure', () => {
    const scalarError = new GraphQLError('Unknown country "XX"', { extensions: { code: 'BAD_USER_INPUT' } });
    const validation = new GraphQLError('Expected value of type "CountryCode", found XX; Unknown country "XX"', {
      originalError: scalarError,
    });
    const formatted = format({ message: validation.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, validation);
    expect(formatted.extensions?.code).toBe('BAD_USER_INPUT');
    expect(formatted.message).toContain('"XX"');
  });

  it('passes client errors through but strips their stack traces', () => {
    const formatted = format(
      { message: 'Syntax Error: Expected Name', extensions: { code: 'GRAPHQL_PARSE_FAILED', stacktrace: ['GraphQLError: …'] } },
      new GraphQLError('Syntax Error: Expected Name'),
    );
    expect(formatted).toEqual({ message: 'Syntax Error: Expected Name', extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  });
});

describe('errors relayed by the gateway', () => {
  it('surfaces the client error a subgraph answered with HTTP 400 instead of a generic failure', () => {
    const relayed = new GraphQLError('400: Bad Request', {
      extensions: {
        response: {
          status: 400,
          body: { errors: [{ message: 'Unknown country "XX"', extensions: { code: 'BAD_USER_INPUT', value: 'XX', stacktrace: ['…'] } }] },
        },
      },
    });
    const formatted = format(
      { message: '400: Bad Request', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      new GraphQLError('wrapped', { originalError: relayed }),
    );
    expect(formatted).toEqual({ message: 'Unknown country "XX"', extensions: { code: 'BAD_USER_INPUT', value: 'XX' } });
  });
});

describe('echoed values are cut, whoever wrote the message', () => {
  it('cuts long quoted values in messages and long string details to 64 characters', () => {
    const long = 'x'.repeat(60_000);
    const formatted = format(
      { message: `String cannot represent a non string value: "${long}"`, extensions: { code: 'BAD_USER_INPUT', id: long } },
      new GraphQLError('x'),
    );
    expect(formatted.message).toBe(`String cannot represent a non string value: "${'x'.repeat(64)}…"`);
    expect(formatted.extensions?.id).toBe(`${'x'.repeat(64)}…`);
    expect(JSON.stringify(formatted).length).toBeLessThan(400);
  });

  it('treats a quoted value with escaped quotes inside as one value', () => {
    const long = `${' '.repeat(70)}\\"${'y'.repeat(100)}`;
    const formatted = format(
      { message: `Variable "$x" got invalid value "${long}"; Expected type "Int".`, extensions: { code: 'BAD_USER_INPUT' } },
      new GraphQLError('x'),
    );
    expect(formatted.message).toBe(`Variable "$x" got invalid value "${' '.repeat(64)}…"; Expected type "Int".`);
  });
});
