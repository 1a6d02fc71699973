/**
 * Reads a PDF back the way a reader shows it, with Mozilla's pdf.js (the viewer Firefox uses), so the tests need
 * nothing outside npm: each page's size, its words (one line per text line, as a person would copy them) and a
 * picture of it drawn on @napi-rs/canvas, pdf.js's own canvas in Node, kept as `page-<n>.png` to look at.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface ReadPage {
  /** Size in points (1/72 inch). */
  width: number;
  height: number;
  /** The share of the picture's pixels that are not white: 0 for a page that draws nothing. */
  inked: number;
}

/** Pictures at 60 dpi: enough to see the layout, small enough to keep. */
const PICTURE_SCALE = 60 / 72;

export async function readPdf(bytes: Uint8Array, picturesDirectory: string) {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const loading = getDocument({ data: new Uint8Array(bytes), verbosity: 0 });
  try {
    const document = await loading.promise;
    const pages: ReadPage[] = [];
    const texts: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const { width, height } = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      texts.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));

      const viewport = page.getViewport({ scale: PICTURE_SCALE });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      // pdf.js draws on @napi-rs/canvas in Node; its types name the browser's canvas.
      await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
      writeFileSync(join(picturesDirectory, `page-${number}.png`), canvas.toBuffer('image/png'));
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let inkedPixels = 0;
      for (let i = 0; i < data.length; i += 4)
        if (data[i]! < 250 || data[i + 1]! < 250 || data[i + 2]! < 250) inkedPixels++;
      pages.push({ width, height, inked: inkedPixels / (canvas.width * canvas.height) });
    }
    /** The words of every page, text lines joined with newlines, pages with a blank line. */
    return { pages, text: texts.join('\n\n') };
  } finally {
    await loading.destroy();
  }
}
