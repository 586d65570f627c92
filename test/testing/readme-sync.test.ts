import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('README', () => {
  it('shows exactly the property-testing example that test/testing/readme-example.test.ts runs', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.split('## Property-test your own mapper')[1] ?? '';
    const block = /```ts\n([\s\S]*?)\n```/.exec(section)?.[1];
    const example = readFileSync('test/testing/readme-example.test.ts', 'utf8').split('\n').slice(2).join('\n').trimEnd();
    expect(block).toBe(example);
  });
});
