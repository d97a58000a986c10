import { docText } from '../copy.ts'
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join } from 'node:path'
import { fromRoot } from '../../root.ts'
import { rotateImage } from './image.ts'
import { ReadFailure } from './types.ts'

/** The languages Redress has trained data for (npm packages, read from disk). */
export const OCR_LANGUAGES = ['eng', 'cym'] as const
export type OcrLanguage = (typeof OCR_LANGUAGES)[number]

/** Which trained data each language uses: LSTM-only "best_int" (small, fast); OSD needs the legacy data. */
const DATA: Record<OcrLanguage | 'osd', { pkg: string; folder: string }> = {
  eng: { pkg: '@tesseract.js-data/eng', folder: '4.0.0_best_int' },
  cym: { pkg: '@tesseract.js-data/cym', folder: '4.0.0_best_int' },
  osd: { pkg: '@tesseract.js-data/osd', folder: '4.0.0' },
}

const require_ = createRequire(import.meta.url)

/** The .traineddata.gz file inside its npm package. */
export function trainedDataFile(lang: OcrLanguage | 'osd'): string {
  const { pkg, folder } = DATA[lang]
  let root: string
  try {
    root = dirname(require_.resolve(`${pkg}/package.json`))
  } catch {
    throw new ReadFailure('ocr-data-missing', docText('ocr.theTrainedDataFor', { lang, pkg }))
  }
  const file = join(root, folder, `${lang}.traineddata.gz`)
  if (!existsSync(file))
    throw new ReadFailure('ocr-data-missing', docText('ocr.theTrainedDataFor2', { lang, pkg }))
  return file
}

/**
 * Parses a language choice ("eng", "cym", "eng+cym"). A language without trained data is refused
 * with a clear message rather than read badly.
 */
export function parseLanguages(text: string): OcrLanguage[] {
  const parts = text
    .split('+')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean)
  if (parts.length === 0) throw new ReadFailure('language', docText('ocr.chooseALanguageTo'))
  for (const p of parts)
    if (!(OCR_LANGUAGES as readonly string[]).includes(p))
      throw new ReadFailure('language', docText('ocr.redressHasNoTrained', { p }))
  return [...new Set(parts)] as OcrLanguage[]
}

/**
 * One folder holding the trained data of every language, copied from the npm packages (tesseract.js
 * takes a single `langPath`). It is a local path, never a URL: `gzip: true` matches the `.gz` files.
 */
export function localLangPath(folder = join(tmpdir(), 'redress-ocr-data-v1')): string {
  mkdirSync(folder, { recursive: true, mode: 0o700 })
  for (const lang of [...OCR_LANGUAGES, 'osd'] as const) {
    const target = join(folder, `${lang}.traineddata.gz`)
    if (existsSync(target)) continue
    try {
      copyFileSync(trainedDataFile(lang), target)
    } catch (error) {
      // One language's package missing must not stop the others: reading in it says so (lstm()).
      if (!(error instanceof ReadFailure)) throw error
    }
  }
  return folder
}

export interface OcrWord {
  readonly text: string
  readonly confidence: number
}

export interface OcrPage {
  readonly text: string
  /** Tesseract's mean confidence, 0-100. */
  readonly confidence: number
  /** Degrees the image was turned to read it (from orientation detection). */
  readonly rotated: number
}

export interface OcrOptions {
  /** Where the trained data is copied to (a local folder). */
  readonly langPath?: string
  /** A fresh worker after this many pages: tesseract.js workers grow in memory over long runs. */
  readonly recycleAfterPages?: number
}

interface TesseractWorker {
  recognize(
    image: Buffer,
    options?: Record<string, unknown>,
    output?: Record<string, boolean>,
  ): Promise<{ data: { text: string; confidence: number } }>
  detect(image: Buffer): Promise<{
    data: { orientation_degrees: number | null; orientation_confidence: number | null }
  }>
  setParameters(p: Record<string, string>): Promise<unknown>
  terminate(): Promise<unknown>
}

type TesseractModule = {
  createWorker(langs: string, oem: number, options: Record<string, unknown>): Promise<TesseractWorker>
}

const OEM_LSTM_ONLY = 1
const OEM_TESSERACT_ONLY = 0

/**
 * OCR with tesseract.js, entirely offline: trained data comes from npm packages on disk, the worker
 * thread has no network (ocr-thread.cjs), and nothing is cached elsewhere (`cacheMethod: 'none'`).
 * The worker is recycled every `recycleAfterPages` pages so memory stays flat over long runs.
 */
export class OcrEngine {
  private readonly langPath: string
  private readonly recycleAfter: number
  private worker: { langs: string; w: TesseractWorker; pages: number } | null = null
  private osd: TesseractWorker | null = null
  private chain: Promise<unknown> = Promise.resolve()

  constructor(options: OcrOptions = {}) {
    this.langPath = options.langPath ?? localLangPath()
    if (!isAbsolute(this.langPath) || /^[a-z][a-z0-9+.-]*:/i.test(this.langPath))
      throw new Error('OCR trained data must come from a local folder')
    this.recycleAfter = options.recycleAfterPages ?? 25
  }

  private options(legacy: boolean): Record<string, unknown> {
    return {
      langPath: this.langPath,
      cachePath: this.langPath,
      cacheMethod: 'none',
      gzip: true,
      workerPath: fromRoot('src/documents/read/ocr-thread.cjs'),
      legacyCore: legacy,
      legacyLang: legacy,
      errorHandler: () => {},
    }
  }

  private async tesseract(): Promise<TesseractModule> {
    const library = 'tesseract.js'
    const m = (await import(library)) as { default?: TesseractModule } & TesseractModule
    return m.default ?? m
  }

  /** Refuses, with a reason, a language whose trained data is not in the local folder. */
  private checkData(langs: readonly string[]): void {
    for (const lang of langs)
      if (!existsSync(join(this.langPath, `${lang}.traineddata.gz`)))
        throw new ReadFailure('ocr-data-missing', docText('ocr.theTrainedDataTo', { lang }))
  }

  private async lstm(langs: string): Promise<TesseractWorker> {
    this.checkData(langs.split('+'))
    if (this.worker && (this.worker.langs !== langs || this.worker.pages >= this.recycleAfter)) {
      const old = this.worker.w
      this.worker = null
      await old.terminate()
    }
    if (!this.worker) {
      const w = await (await this.tesseract()).createWorker(langs, OEM_LSTM_ONLY, this.options(false))
      this.worker = { langs, w, pages: 0 }
    }
    return this.worker.w
  }

  /** Orientation of an image: the degrees to turn it clockwise so the text is upright (0, 90, 180, 270). */
  async orientation(image: Buffer): Promise<{ degrees: number; confidence: number }> {
    return this.serial(async () => {
      if (!this.osd) this.checkData(['osd'])
      this.osd ??= await (await this.tesseract()).createWorker('osd', OEM_TESSERACT_ONLY, this.options(true))
      try {
        const r = await this.osd.detect(image)
        return {
          degrees: r.data.orientation_degrees ?? 0,
          confidence: r.data.orientation_confidence ?? 0,
        }
      } catch {
        return { degrees: 0, confidence: 0 } // too little text to tell: read it as it is
      }
    })
  }

  /**
   * Reads one image (PNG or JPEG bytes). With `straighten`, the orientation is detected first and
   * the image turned upright; small skew is corrected by tesseract's own line-angle detection.
   */
  async recognize(
    image: Buffer,
    languages: readonly OcrLanguage[],
    options: { straighten?: boolean } = {},
  ): Promise<OcrPage> {
    let rotated = 0
    if (options.straighten) {
      const o = await this.orientation(image)
      // Only trust a clear answer (tesseract's confidence is a margin over the next best, ~>2 is clear).
      if (o.degrees !== 0 && o.confidence >= 2) rotated = o.degrees
    }
    return this.serial(async () => {
      const w = await this.lstm(languages.join('+'))
      const upright = rotated ? await rotateImage(image, rotated) : image
      const r = await w.recognize(upright, { rotateAuto: true }, { text: true })
      if (this.worker) this.worker.pages++
      return { text: r.data.text, confidence: Math.round(r.data.confidence), rotated }
    })
  }

  /** One OCR call at a time per engine (each engine is one worker thread). */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn)
    this.chain = next.catch(() => {})
    return next
  }

  async close(): Promise<void> {
    const w = this.worker?.w
    const o = this.osd
    this.worker = null
    this.osd = null
    await Promise.all([w?.terminate(), o?.terminate()])
  }
}
