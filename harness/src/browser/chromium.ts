// Debian's Chromium, driven by playwright-core (which cannot download a browser of its own
// here): where it is, and a headless launch with a fresh profile that calls nowhere.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { BrowserContext } from 'playwright-core';
import { tempFolder } from '../temp-folder.ts';

/** Where the browser is: LAB_CHROMIUM, else Debian's package (scripts/bootstrap installs it). */
export function chromiumPath(): string {
  return process.env.LAB_CHROMIUM ?? '/usr/bin/chromium';
}

// Without the background-networking switches Chromium calls home (updates, safe browsing,
// sync); on a closed network those connections are refused and show up as noise.
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  /** Closes the browser and removes its profile. */
  close: () => Promise<void>;
}

/** Launches Chromium with a new, empty profile (--user-data-dir): nothing cached from an earlier run. */
export async function launchChromium(viewport = { width: 1280, height: 900 }): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}: run scripts/bootstrap (it installs Debian's chromium), or set LAB_CHROMIUM`);
  }
  // Loaded here, not at the top: most commands never open a browser.
  const { chromium } = await import('playwright-core');
  const profile = await tempFolder('chromium');
  try {
    // playwright refuses --user-data-dir in launch(); a persistent context takes the folder instead.
    const context = await chromium.launchPersistentContext(profile, { executablePath, args: chromiumFlags, headless: true, viewport, timeout: 60_000 });
    return {
      context,
      close: async () => {
        await context.close().catch(() => undefined);
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}
