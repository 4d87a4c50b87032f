// A dropped or opened .html file's bytes -> text, as a browser reads a saved page: the core
// sniffs the encoding (`htmlEncoding` from the wasm: a byte order mark, else <meta charset> or
// http-equiv in the first 1024 bytes, else UTF-8 when the bytes are valid UTF-8, else
// windows-1252; src/html/encoding.rs) and the browser's own TextDecoder decodes, bytes not
// valid in the encoding becoming U+FFFD. Used by the worker (www/worker.js); tests pass the
// node build's `htmlEncoding`.

/** Decode `bytes` (a Uint8Array) with the encoding `htmlEncoding(bytes)` names. */
export function decodeHtml(bytes, htmlEncoding) {
  const sniffed = htmlEncoding(bytes); // "bom:UTF-8", "meta:koi8-r", "default:windows-1252"
  const at = sniffed.indexOf(':');
  const source = sniffed.slice(0, at);
  let decoder;
  try {
    decoder = new TextDecoder(sniffed.slice(at + 1));
  } catch {
    decoder = new TextDecoder('windows-1252'); // a label this browser does not know
  }
  // As the spec says: a <meta> naming UTF-16 means UTF-8, x-user-defined windows-1252.
  if (source !== 'bom' && decoder.encoding.startsWith('utf-16')) decoder = new TextDecoder('utf-8');
  if (decoder.encoding === 'x-user-defined') decoder = new TextDecoder('windows-1252');
  return decoder.decode(bytes);
}
