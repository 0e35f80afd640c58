// Content sniffing as Go's net/http does it (sniff.go): the subset of the WHATWG MIME Sniffing
// standard Go implements, applied to at most the first 512 bytes. A table of signatures tried
// in order; the first that matches names the type, and text/plain or application/octet-stream
// decide the rest.

import type { Header } from '../http/header.js';

/** The most bytes detectContentType looks at. */
export const SNIFF_LEN = 512;

/** One signature: the content type when it matches `data`, else ''. */
type Signature = (data: Uint8Array, firstNonWS: number) => string;

const HTML = 'text/html; charset=utf-8';

function bytesOf(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

function isWS(b: number): boolean {
  return b === 0x09 || b === 0x0a || b === 0x0c || b === 0x0d || b === 0x20;
}

/** An HTML tag opening: the pattern case-insensitively after leading space, then a space or `>`. */
function htmlSig(tag: string): Signature {
  const pat = bytesOf(tag);
  return (data, firstNonWS) => {
    if (data.length - firstNonWS < pat.length + 1) return '';
    for (let i = 0; i < pat.length; i++) {
      const b = pat[i]!;
      let db = data[firstNonWS + i]!;
      if (b >= 0x41 && b <= 0x5a) db &= 0xdf;
      if (b !== db) return '';
    }
    const tt = data[firstNonWS + pat.length];
    return tt === 0x20 || tt === 0x3e ? HTML : '';
  };
}

/** A prefix of exact bytes. */
function exactSig(sig: string, ct: string): Signature {
  const pat = bytesOf(sig);
  return (data) => {
    if (data.length < pat.length) return '';
    for (let i = 0; i < pat.length; i++) if (data[i] !== pat[i]) return '';
    return ct;
  };
}

/** A prefix that matches `pat` once masked with `mask`, optionally after leading space. */
function maskedSig(mask: string, pattern: string, ct: string, skipWS = false): Signature {
  const m = bytesOf(mask);
  const pat = bytesOf(pattern);
  return (data, firstNonWS) => {
    const start = skipWS ? firstNonWS : 0;
    if (data.length - start < pat.length) return '';
    for (let i = 0; i < pat.length; i++) if ((data[start + i]! & m[i]!) !== pat[i]) return '';
    return ct;
  };
}

/** An ISO base media file (MP4): an `ftyp` box naming an `mp4` brand. */
const mp4Sig: Signature = (data) => {
  if (data.length < 12) return '';
  const boxSize = ((data[0]! << 24) | (data[1]! << 16) | (data[2]! << 8) | data[3]!) >>> 0;
  if (data.length < boxSize || boxSize % 4 !== 0) return '';
  if (data[4] !== 0x66 || data[5] !== 0x74 || data[6] !== 0x79 || data[7] !== 0x70) return '';
  for (let st = 8; st < boxSize; st += 4) {
    if (st === 12) continue; // the minor version, not a brand
    if (data[st] === 0x6d && data[st + 1] === 0x70 && data[st + 2] === 0x34) return 'video/mp4';
  }
  return '';
};

/** Text: no binary control byte after the leading space. */
const textSig: Signature = (data, firstNonWS) => {
  for (let i = firstNonWS; i < data.length; i++) {
    const b = data[i]!;
    if (b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f)) return '';
  }
  return 'text/plain; charset=utf-8';
};

const FF4 = '\xFF\xFF\xFF\xFF';
const RIFF_MASK = FF4 + '\x00\x00\x00\x00' + FF4;

// The order is Go's: the first match wins.
const signatures: readonly Signature[] = [
  ...['<!DOCTYPE HTML', '<HTML', '<HEAD', '<SCRIPT', '<IFRAME', '<H1', '<DIV', '<FONT', '<TABLE', '<A', '<STYLE', '<TITLE', '<B', '<BODY', '<BR', '<P', '<!--'].map(htmlSig),
  maskedSig('\xFF\xFF\xFF\xFF\xFF', '<?xml', 'text/xml; charset=utf-8', true),
  exactSig('%PDF-', 'application/pdf'),
  exactSig('%!PS-Adobe-', 'application/postscript'),
  // Byte order marks.
  maskedSig('\xFF\xFF\x00\x00', '\xFE\xFF\x00\x00', 'text/plain; charset=utf-16be'),
  maskedSig('\xFF\xFF\x00\x00', '\xFF\xFE\x00\x00', 'text/plain; charset=utf-16le'),
  maskedSig('\xFF\xFF\xFF\x00', '\xEF\xBB\xBF\x00', 'text/plain; charset=utf-8'),
  // Images.
  exactSig('\x00\x00\x01\x00', 'image/x-icon'),
  exactSig('\x00\x00\x02\x00', 'image/x-icon'),
  exactSig('BM', 'image/bmp'),
  exactSig('GIF87a', 'image/gif'),
  exactSig('GIF89a', 'image/gif'),
  maskedSig(RIFF_MASK + '\xFF\xFF', 'RIFF\x00\x00\x00\x00WEBPVP', 'image/webp'),
  exactSig('\x89PNG\x0D\x0A\x1A\x0A', 'image/png'),
  exactSig('\xFF\xD8\xFF', 'image/jpeg'),
  // Audio and video.
  maskedSig(RIFF_MASK, 'FORM\x00\x00\x00\x00AIFF', 'audio/aiff'),
  maskedSig('\xFF\xFF\xFF', 'ID3', 'audio/mpeg'),
  maskedSig('\xFF\xFF\xFF\xFF\xFF', 'OggS\x00', 'application/ogg'),
  maskedSig(FF4 + FF4, 'MThd\x00\x00\x00\x06', 'audio/midi'),
  maskedSig(RIFF_MASK, 'RIFF\x00\x00\x00\x00AVI ', 'video/avi'),
  maskedSig(RIFF_MASK, 'RIFF\x00\x00\x00\x00WAVE', 'audio/wave'),
  mp4Sig,
  exactSig('\x1A\x45\xDF\xA3', 'video/webm'),
  // Fonts.
  maskedSig('\x00'.repeat(34) + '\xFF\xFF', '\x00'.repeat(34) + 'LP', 'application/vnd.ms-fontobject'),
  exactSig('\x00\x01\x00\x00', 'font/ttf'),
  exactSig('OTTO', 'font/otf'),
  exactSig('ttcf', 'font/collection'),
  exactSig('wOFF', 'font/woff'),
  exactSig('wOF2', 'font/woff2'),
  // Archives.
  exactSig('\x1F\x8B\x08', 'application/x-gzip'),
  exactSig('PK\x03\x04', 'application/zip'),
  exactSig('Rar!\x1A\x07\x00', 'application/x-rar-compressed'),
  exactSig('Rar!\x1A\x07\x01\x00', 'application/x-rar-compressed'),
  exactSig('\x00\x61\x73\x6D', 'application/wasm'),
  textSig,
];

/**
 * The content type of `data` by Go's `http.DetectContentType`: at most the first 512 bytes are
 * considered, and the answer is always a valid MIME type, `application/octet-stream` when
 * nothing more specific fits. A string is taken as its UTF-8 bytes.
 */
export function detectContentType(data: Uint8Array | string): string {
  let bytes = typeof data === 'string' ? new TextEncoder().encode(data.slice(0, SNIFF_LEN)) : data;
  if (bytes.length > SNIFF_LEN) bytes = bytes.subarray(0, SNIFF_LEN);
  let firstNonWS = 0;
  while (firstNonWS < bytes.length && isWS(bytes[firstNonWS]!)) firstNonWS++;
  for (const sig of signatures) {
    const ct = sig(bytes, firstNonWS);
    if (ct !== '') return ct;
  }
  return 'application/octet-stream';
}

/**
 * Gives a response the Content-Type sniffed from its first body bytes, as Go's server does: only
 * when the handler set no Content-Type (an empty value counts as set, and suppresses sniffing),
 * no Content-Encoding and no Transfer-Encoding. The caller calls it once, with the first
 * non-empty body bytes of a status that allows a body, before the header is sent.
 */
export function sniffContentType(header: Header, first: Uint8Array | string): void {
  if (header.has('content-type') || nonEmpty(header.get('content-encoding')) || nonEmpty(header.get('transfer-encoding'))) return;
  header.set('Content-Type', detectContentType(first));
}

function nonEmpty(v: string | null): boolean {
  return v !== null && v !== '';
}
