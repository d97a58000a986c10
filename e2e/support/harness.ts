import type { Browser, BrowserContext } from 'playwright-core'
import { launchBrowser } from './browser.ts'
import { removeDir, startServer, type RunningServer } from './server.ts'

/** What a browser spec works with: the real server, Chromium, and a watch for requests that leave. */
export interface Harness {
  readonly server: RunningServer
  readonly browser: Browser
  /** A context already watched for requests to other origins. */
  readonly context: BrowserContext
  /** Every request to another origin made by a watched context (should stay empty). */
  readonly foreignRequests: string[]
  /** Watches another context the same way. */
  watch(context: BrowserContext): BrowserContext
  close(): Promise<void>
}

/** Starts the server (the bundle `npm start` runs) and Chromium for one spec file. */
export async function startHarness(): Promise<Harness> {
  const server = await startServer()
  const browser = await launchBrowser()
  const foreignRequests: string[] = []
  const watch = (context: BrowserContext): BrowserContext => {
    context.on('request', (req) => {
      const url = req.url()
      if (!url.startsWith(server.url) && !url.startsWith('data:')) foreignRequests.push(url)
    })
    return context
  }
  const context = watch(await browser.newContext())
  return {
    server,
    browser,
    context,
    foreignRequests,
    watch,
    close: async () => {
      await context.close()
      await browser.close()
      await server.stop()
      removeDir(server.dataDir)
    },
  }
}
