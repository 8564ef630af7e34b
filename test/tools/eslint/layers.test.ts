import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import layers from '../../../tools/eslint/layers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Lints one line of code as if it lived at `file` (relative to the project root). */
function lint(file: string, code: string): string[] {
  const linter = new Linter({ cwd: root });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser as Linter.Parser, sourceType: 'module' },
        plugins: { tally: { rules: { layers } } },
        rules: { 'tally/layers': 'error' },
      },
    ],
    path.join(root, file),
  );
  return messages.map((m) => m.message);
}

describe('the layer rule', () => {
  it('lets a layer import from below and from itself', () => {
    expect(lint('payments/common/pricing/x.ts', "import { a } from '../../../domain/common/result.js';")).toEqual([]);
    expect(lint('cart-app/node/runtime.ts', "import { a } from '../../vision/node/barcode/x.js';")).toEqual([]);
    expect(lint('store/node/server.ts', "import { a } from '../../payments/common/pricing/x.js';")).toEqual([]);
    expect(lint('vision/node/x.ts', "import type { Frame } from '../../hardware/common/camera/frame.js';")).toEqual([]);
  });

  it('rejects a lower layer importing a higher one', () => {
    const [message] = lint('domain/common/x.ts', "import { a } from '../../payments/common/pricing/x.js';");
    expect(message).toMatch(/'domain' may not import from 'payments'/);
    expect(lint('payments/common/x.ts', "import { a } from '../../cart-app/node/y.js';")).toHaveLength(1);
    expect(lint('store/node/x.ts', "import { a } from '../../cart-app/node/y.js';")).toHaveLength(1);
    expect(lint('hardware/node/x.ts', "export * from '../../vision/node/y.js';")).toHaveLength(1);
  });

  it('keeps common code free of Node and of node/ folders', () => {
    expect(lint('domain/common/x.ts', "import fs from 'node:fs';")[0]).toMatch(/Node built-in 'node:fs'/);
    expect(lint('domain/common/x.ts', "import { a } from '../node/session/log.js';")[0]).toMatch(/common file may not import node code/);
    expect(lint('cart-app/browser/x.ts', "import { a } from '../node/y.js';")).toHaveLength(1);
    expect(lint('domain/node/x.ts', "import fs from 'node:fs'; import { a } from '../common/y.js';")).toEqual([]);
  });

  it('lets the top (cli, bench, test) import anything', () => {
    expect(lint('cli/commands/x.ts', "import { a } from '../../cart-app/node/y.js';")).toEqual([]);
    expect(lint('bench/x.ts', "import { a } from '../store/node/y.js';")).toEqual([]);
  });
});
