// The iframe mode's allow-list parsing (www/embed.js), in node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedOrigins } from '../../www/embed.js';

test('allow-origins: http(s) origins only, normalised, from the query and the data attribute', () => {
  const q = encodeURIComponent('https://news.example/path?x=1, http://127.0.0.1:8080 *  null javascript:alert(1) ftp://x.example');
  const got = allowedOrigins(`https://annotator.example/?allow-origins=${q}&allow-origins=https://b.example`, 'https://c.example:444 nonsense');
  assert.deepEqual([...got].sort(), [
    'http://127.0.0.1:8080',
    'https://b.example',
    'https://c.example:444',
    'https://news.example',
  ]);
});

test('allow-origins: nothing given means nobody is allowed', () => {
  assert.equal(allowedOrigins('https://annotator.example/', undefined).size, 0);
  assert.equal(allowedOrigins('https://annotator.example/?allow-origins=*', '').size, 0);
  assert.equal(allowedOrigins('not a url', null).size, 0);
});
