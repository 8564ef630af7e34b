// What the dashboard's Chromium tests share: the pages built by Vite into a temp folder, and
// Debian's Chromium launched headless with the flags it needs as root on a machine without a GPU.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
export const projectRoot = path.resolve(import.meta.dirname, '../../..');

/** Builds the dashboard and shopper page into a fresh temp folder and returns it. */
export async function buildDashboard(): Promise<string> {
  const dist = mkdtempSync(path.join(tmpdir(), 'tally-dashboard-e2e-'));
  const { build } = await import('vite');
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(projectRoot, 'store', 'browser', 'dashboard', 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return dist;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
