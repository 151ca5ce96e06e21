import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { AppError } from '../errors/app-error.ts';

/** Debian's Chromium, as CI and the servers install it (with fonts-noto-cjk). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export const PDF_UNAVAILABLE =
  '本服务器未安装 Chromium，暂时无法生成 PDF 版本。请下载 HTML 或 DOCX 版本，或请系统管理员安装 chromium 和 fonts-noto-cjk。';

/**
 * Prints letters to PDF with one headless Chromium, launched at the first letter and kept for
 * the next ones (about a second a letter); close() ends it. Where Chromium is not installed
 * (a developer's laptop), `available` is false and render() refuses with a Chinese message.
 */
export class LetterPdf {
  readonly #executablePath: string;
  #browser: Promise<Browser> | null = null;

  constructor(executablePath: string = CHROMIUM_PATH) {
    this.#executablePath = executablePath;
  }

  get available(): boolean {
    return existsSync(this.#executablePath);
  }

  #launch(): Promise<Browser> {
    if (this.#browser === null) {
      const launching = chromium.launch({ executablePath: this.#executablePath, args: ARGS });
      this.#browser = launching;
      launching.then(
        (browser) =>
          browser.on('disconnected', () => {
            if (this.#browser === launching) this.#browser = null;
          }),
        () => {
          if (this.#browser === launching) this.#browser = null;
        },
      );
    }
    return this.#browser;
  }

  /** A4 PDF of a standalone HTML document, once its fonts are loaded. */
  async render(html: string): Promise<Buffer> {
    if (!this.available) throw new AppError('CONFLICT', PDF_UNAVAILABLE);
    const browser = await this.#launch();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready.then(() => true)');
      return await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    } finally {
      await context.close();
    }
  }

  /** Ends the browser, if one was launched; the next render launches another. */
  async close(): Promise<void> {
    const launching = this.#browser;
    this.#browser = null;
    if (launching === null) return;
    try {
      await (await launching).close();
    } catch {
      // It failed to launch or is gone already: nothing to close.
    }
  }
}

/** The process's one PDF printer, shared by the workbench and the portal; closed when the app closes. */
export const sharedLetterPdf = new LetterPdf();
