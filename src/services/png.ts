import { crc32, inflateSync } from 'node:zlib';
import { WorkbenchError } from '../contract/errors.ts';

// A strict reader of PNG files (the pictures of the pattern map the screens send): it accepts only a
// complete, well-formed, bounded image, so a fake or damaged file is refused when it arrives instead
// of breaking every later export. Pure: bytes in, a verdict out (zlib is used to inflate in memory).

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const MAX_PNG_SIDE = 20_000;
export const MAX_PNG_PIXELS = 100_000_000;
/** The decoded image data (all rows with their filter bytes) may not exceed this. */
export const MAX_PNG_DECODED_BYTES = 256 * 1024 * 1024;

export type PngCheck = { ok: true; width: number; height: number } | { ok: false; reason: string };

/** Channels per pixel and the bit depths allowed, by colour type (PNG specification, table 11.1). */
const COLOUR_TYPES: Record<number, { channels: number; depths: number[] }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16] },
  2: { channels: 3, depths: [8, 16] },
  3: { channels: 1, depths: [1, 2, 4, 8] },
  4: { channels: 2, depths: [8, 16] },
  6: { channels: 4, depths: [8, 16] },
};

const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** The size of the decompressed image data: each row is one filter byte then the packed pixels. */
export function decodedSize(
  width: number,
  height: number,
  bitsPerPixel: number,
  interlaced: boolean,
): number {
  const rows = (w: number, h: number) =>
    w === 0 || h === 0 ? 0 : h * (1 + Math.ceil((w * bitsPerPixel) / 8));
  if (!interlaced) return rows(width, height);
  let total = 0;
  for (const [x0, y0, dx, dy] of ADAM7) {
    total += rows(Math.max(0, Math.ceil((width - x0) / dx)), Math.max(0, Math.ceil((height - y0) / dy)));
  }
  return total;
}

const refuse = (reason: string): PngCheck => ({ ok: false, reason });

/** Checks that the bytes are one real PNG image within the bounds; the reason is plain English. */
export function checkPng(bytes: Uint8Array): PngCheck {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(PNG_SIGNATURE)) return refuse('it is not a PNG file');
  let offset = 8;
  let header: {
    width: number;
    height: number;
    bitsPerPixel: number;
    interlaced: boolean;
    colour: number;
  } | null = null;
  let palette = false;
  let ended = false;
  let idatDone = false;
  const idat: Buffer[] = [];
  let idatBytes = 0;
  while (offset < buf.length) {
    if (ended) return refuse('there is data after the end of the image');
    if (offset + 12 > buf.length) return refuse('the file is cut short');
    const length = buf.readUInt32BE(offset);
    if (length > 0x7fffffff || offset + 12 + length > buf.length) return refuse('the file is cut short');
    const typeBytes = buf.subarray(offset + 4, offset + 8);
    const type = typeBytes.toString('latin1');
    if (!/^[A-Za-z]{4}$/.test(type)) return refuse('a part of the file is damaged');
    const data = buf.subarray(offset + 8, offset + 8 + length);
    const crc = buf.readUInt32BE(offset + 8 + length);
    if (crc32(buf.subarray(offset + 4, offset + 8 + length)) >>> 0 !== crc) {
      return refuse('a part of the file is damaged (its checksum does not match)');
    }
    offset += 12 + length;
    if (!header && type !== 'IHDR') return refuse('the image header is missing');
    if (type !== 'IDAT' && idat.length > 0) idatDone = true;
    switch (type) {
      case 'IHDR': {
        if (header) return refuse('the image has two headers');
        if (length !== 13) return refuse('the image header is damaged');
        const width = data.readUInt32BE(0);
        const height = data.readUInt32BE(4);
        const [depth = 0, colour = 0, compression, filter, interlace = 0] = data.subarray(8, 13);
        if (width === 0 || height === 0) return refuse('the image has no pixels');
        if (width > MAX_PNG_SIDE || height > MAX_PNG_SIDE || width * height > MAX_PNG_PIXELS) {
          return refuse(
            `the image is ${width} × ${height} pixels, larger than the workbench accepts (${MAX_PNG_SIDE.toLocaleString('en-GB')} pixels a side, ${MAX_PNG_PIXELS / 1_000_000} million in all)`,
          );
        }
        const kind = COLOUR_TYPES[colour];
        if (!kind?.depths.includes(depth)) return refuse('the image has a colour format PNG does not allow');
        if (compression !== 0 || filter !== 0 || interlace > 1) return refuse('the image header is damaged');
        header = { width, height, bitsPerPixel: kind.channels * depth, interlaced: interlace === 1, colour };
        break;
      }
      case 'PLTE':
        if (idat.length > 0 || palette) return refuse('the colour palette is out of place');
        if (length === 0 || length % 3 !== 0 || length > 768) return refuse('the colour palette is damaged');
        palette = true;
        break;
      case 'IDAT':
        if (idatDone) return refuse('the image data is split in two');
        idat.push(data);
        idatBytes += length;
        break;
      case 'IEND':
        if (length !== 0) return refuse('the end of the image is damaged');
        ended = true;
        break;
      default:
        // An unknown critical part (upper-case first letter) cannot be skipped safely.
        if ((typeBytes[0] ?? 0) & 0x20) break;
        return refuse('the image uses a part the workbench cannot read');
    }
  }
  if (!header) return refuse('the image header is missing');
  if (idat.length === 0) return refuse('the image has no picture data');
  if (!ended) return refuse('the file is cut short (the end of the image is missing)');
  if (header.colour === 3 && !palette) return refuse('the colour palette is missing');
  if ((header.colour === 0 || header.colour === 4) && palette)
    return refuse('the colour palette is out of place');
  const expected = decodedSize(header.width, header.height, header.bitsPerPixel, header.interlaced);
  if (expected > MAX_PNG_DECODED_BYTES) {
    return refuse('the image is larger than the workbench accepts');
  }
  let decoded: Buffer;
  try {
    // One byte more than expected: getting it means the data is longer than the header says.
    decoded = inflateSync(Buffer.concat(idat, idatBytes), { maxOutputLength: expected + 1 });
  } catch {
    return refuse('the picture data is damaged or larger than the header says');
  }
  if (decoded.length !== expected) return refuse('the picture data does not match the image size');
  if (!header.interlaced) {
    const stride = 1 + Math.ceil((header.width * header.bitsPerPixel) / 8);
    for (let row = 0; row < expected; row += stride) {
      if ((decoded[row] ?? 0) > 4) return refuse('the picture data is damaged');
    }
  }
  return { ok: true, width: header.width, height: header.height };
}

/** Refuses, with a plain message naming the field, anything that is not a real PNG within the bounds. */
export function requirePng(bytes: Buffer, field: string): void {
  const check = checkPng(bytes);
  if (check.ok) return;
  throw new WorkbenchError(
    'invalid-request',
    `The map image cannot be used: ${check.reason}. Nothing was saved: draw the map picture again and try once more.`,
    { problems: [{ path: field, message: `is not a usable PNG image: ${check.reason}` }] },
  );
}

/** True when the bytes are a real PNG within the bounds. */
export const isPng = (bytes: Buffer): boolean => checkPng(bytes).ok;
