import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './partners-stack.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const API = readFileSync(new URL('../../schema/api.graphql', import.meta.url), 'utf8');

/** Runs `npm run schema:check` (its script) as its own process; returns exit code and output. */
async function schemaCheck(args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['scripts/schema-check.ts', ...args], { cwd: REPO_ROOT, timeout: 60_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

function scratch(files: Record<string, string>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-schema-check-'));
  return Object.fromEntries(
    Object.entries(files).map(([name, text]) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return [name, path];
    }),
  );
}

const CHANGELOG = '# API schema changelog\n\n## Unreleased\n\n## 2026-11-29\n\n- First release.\n';

describe('npm run schema:check', () => {
  it('passes on the repository as committed: no unacknowledged breaking change, every operation valid', async () => {
    const result = await schemaCheck([]);
    expect(result.output).toContain('Operations: 8 checked against the new schema, 0 broken.');
    expect(result.output).toMatch(/OK$/m);
    expect(result.code).toBe(0);
  });

  it('fails on a removed field until the changelog acknowledges it, and names the partner operations it breaks', async () => {
    // `Product.brand` removed: breaking, and the product page operation uses it.
    const withoutBrand = API.replace('  """Brand name as printed on the product; not translated."""\n  brand: String!\n\n', '');
    expect(withoutBrand).not.toBe(API);
    const files = scratch({ 'api.graphql': withoutBrand, 'CHANGELOG.md': CHANGELOG });
    const failing = await schemaCheck(['--schema', files['api.graphql']!, '--changelog', files['CHANGELOG.md']!]);
    expect(failing.code).toBe(1);
    expect(failing.output).toContain("BREAKING                 Field 'brand' was removed from object type 'Product'");
    expect(failing.output).toContain('`Product.brand`');
    expect(failing.output).toMatch(/trusted document sha256:[0-9a-f]{64}:\n\s+Cannot query field "brand" on type "Product"/);
    expect(failing.output).toContain('ProductPage.graphql:');

    // Acknowledged, the schema change passes — the broken partner operations still fail the check.
    const acknowledged = scratch({
      'CHANGELOG.md': CHANGELOG.replace('## Unreleased\n', '## Unreleased\n\n- `Product.brand` removed: brands move to attributes.\n'),
    });
    const stillBroken = await schemaCheck(['--schema', files['api.graphql']!, '--changelog', acknowledged['CHANGELOG.md']!]);
    expect(stillBroken.output).toContain('BREAKING (acknowledged)');
    expect(stillBroken.output).not.toContain('not acknowledged');
    expect(stillBroken.output).toContain('FAIL: registered or example operations would break');
    expect(stillBroken.code).toBe(1);
  });

  it('lets an additive change through', async () => {
    const withField = API.replace('type Product {\n', 'type Product {\n  """A new, optional field."""\n  giftWrap: Boolean\n\n');
    const files = scratch({ 'api.graphql': withField });
    const result = await schemaCheck(['--schema', files['api.graphql']!]);
    expect(result.output).toContain("NON_BREAKING             Field 'giftWrap' was added to object type 'Product'");
    expect(result.code).toBe(0);
  });
});
