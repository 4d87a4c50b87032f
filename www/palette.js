// The one palette of the annotations: each colour as [light, dark], chosen
// for at least 4.5:1 contrast of the text on it (tests/e2e/render.test.mjs
// checks the page in both schemes). Everything that draws annotations takes
// its colours from here: the page (app.js adopts paletteCss(':root')), the
// <article-annotator> element, the page's HTML export (exports.js) and the
// CLI's and wasm API's HTML export (src/export.rs reads the lines below at
// compile time, so keep exactly one `key: ['#light', '#dark'],` per line).
export const PALETTE = {
  PERSON: ['#ffd8a8', '#7a4a12'],
  ORG: ['#b2f2bb', '#1f5b2c'],
  PLACE: ['#a5d8ff', '#1c4f7a'],
  DATE: ['#eebefa', '#5f2d6e'],
  MISC: ['#ffec99', '#5e5210'],
  other: ['#dee2e6', '#454a52'],
  'quote-bg': ['#eef2ff', '#1d2540'],
  'quote-line': ['#3b5bdb', '#8ea2ff'],
  'bp-bg': ['#eceef1', '#25282d'],
  'bp-fg': ['#5a5f68', '#a3a9b2'],
};

/**
 * The palette as CSS custom properties (`--PERSON`, `--quote-bg`, ...) on
 * `selector`, each light or dark by the element's color-scheme.
 */
export function paletteCss(selector) {
  const props = Object.entries(PALETTE).map(([k, [light, dark]]) => `--${k}:light-dark(${light},${dark});`);
  return `${selector}{${props.join('')}}\n`;
}

/** Adds the palette's custom properties to a document or shadow root. */
export function adoptPalette(root, selector = ':root') {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(paletteCss(selector));
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
