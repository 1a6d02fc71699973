/**
 * Reads a PDF back the way a reader shows it, with Mozilla's pdf.js (the viewer Firefox uses), so the tests need
 * nothing outside npm: the page sizes, the words (one line per text line, as a person would copy them) and
 * pictures of the pages drawn on @napi-rs/canvas, pdf.js's own canvas in Node.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface ReadPdf {
  /** Each page's size in points (1/72 inch). */
  pages: { width: number; height: number }[];
  /** The words of every page, text lines joined with newlines, pages with a blank line. */
  text: string;
}

/** Opens the PDF, hands it to `read`, and frees pdf.js's worker state whatever happens. */
async function withPdf<T>(bytes: Uint8Array, read: (document: PDFDocumentProxy) => Promise<T>): Promise<T> {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const loading = getDocument({ data: new Uint8Array(bytes), verbosity: 0 });
  try {
    return await read(await loading.promise);
  } finally {
    await loading.destroy();
  }
}

export function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  return withPdf(bytes, async (document) => {
    const pages: ReadPdf['pages'] = [];
    const texts: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const { width, height } = page.getViewport({ scale: 1 });
      pages.push({ width, height });
      const content = await page.getTextContent();
      texts.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    }
    return { pages, text: texts.join('\n\n') };
  });
}

/**
 * Draws every page as `<prefix>-<n>.png` in `directory` at `dpi`; returns each file with the share of its pixels
 * that are not white (a page that drew nothing has 0).
 */
export function renderPdfPages(bytes: Uint8Array, directory: string, prefix: string, dpi: number) {
  return withPdf(bytes, async (document) => {
    const files: { file: string; inked: number }[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const viewport = page.getViewport({ scale: dpi / 72 });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      // pdf.js draws on @napi-rs/canvas in Node; its types name the browser's canvas.
      await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
      const file = join(directory, `${prefix}-${number}.png`);
      writeFileSync(file, canvas.toBuffer('image/png'));
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let inkedPixels = 0;
      for (let i = 0; i < data.length; i += 4)
        if (data[i]! < 250 || data[i + 1]! < 250 || data[i + 2]! < 250) inkedPixels++;
      files.push({ file, inked: inkedPixels / (canvas.width * canvas.height) });
    }
    return files;
  });
}
