import { crc32, deflateSync, inflateSync } from 'node:zlib';

// The exported map picture stacks its pages (each PAGE.height pixels tall) in one PNG. The Word report
// puts each page on a page of its own, so the picture is cut back into pages here: the scanlines are
// un-filtered (PNG filters refer to the row above) and each page written again as a PNG of its own.
// Only what the workbench's own pictures use: 8-bit RGB or RGBA, not interlaced.

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunks(png: Buffer): { type: string; data: Buffer }[] {
  const out: { type: string; data: Buffer }[] = [];
  for (let at = 8; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    out.push({ type, data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
  return out;
}

const paeth = (a: number, b: number, c: number) => {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** Cuts a PNG into pages `pageHeight` rows tall; a picture of one page (or one it cannot read) comes back whole. */
export function splitPngPages(png: Buffer, pageHeight: number): Buffer[] {
  const parts = chunks(png);
  const header = parts.find((c) => c.type === 'IHDR')?.data;
  if (!header) return [png];
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const depth = header[8];
  const colour = header[9];
  const interlaced = header[12] !== 0;
  const channels = colour === 6 ? 4 : colour === 2 ? 3 : 0;
  if (depth !== 8 || channels === 0 || interlaced || height <= pageHeight) return [png];
  const raw = inflateSync(Buffer.concat(parts.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)];
    const line = raw.subarray(row * (stride + 1) + 1, (row + 1) * (stride + 1));
    const out = row * stride;
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? (pixels[out + i - channels] ?? 0) : 0;
      const up = row > 0 ? (pixels[out - stride + i] ?? 0) : 0;
      const upLeft = row > 0 && i >= channels ? (pixels[out - stride + i - channels] ?? 0) : 0;
      const value = line[i] ?? 0;
      const predicted =
        filter === 1
          ? left
          : filter === 2
            ? up
            : filter === 3
              ? (left + up) >> 1
              : filter === 4
                ? paeth(left, up, upLeft)
                : 0;
      pixels[out + i] = (value + predicted) & 0xff;
    }
  }
  const pages: Buffer[] = [];
  for (let top = 0; top < height; top += pageHeight) {
    const rows = Math.min(pageHeight, height - top);
    const data = Buffer.alloc(rows * (stride + 1));
    for (let r = 0; r < rows; r++)
      pixels.copy(data, r * (stride + 1) + 1, (top + r) * stride, (top + r + 1) * stride);
    const ihdr = Buffer.from(header);
    ihdr.writeUInt32BE(rows, 4);
    pages.push(
      Buffer.concat([
        SIGNATURE,
        chunk('IHDR', ihdr),
        chunk('IDAT', deflateSync(data)),
        chunk('IEND', Buffer.alloc(0)),
      ]),
    );
  }
  return pages;
}
