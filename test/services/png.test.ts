import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkPng, decodedSize, PNG_SIGNATURE } from '#services/png.ts';
import { solidPng } from '../support/png.ts';

const chunk = (type: string, data: Buffer, crcFix = 0) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(((crc32(body) >>> 0) ^ crcFix) >>> 0, 8 + data.length);
  return out;
};
const ihdr = (width: number, height: number, depth = 8, colour = 2, interlace = 0) => {
  const h = Buffer.alloc(13);
  h.writeUInt32BE(width, 0);
  h.writeUInt32BE(height, 4);
  h[8] = depth;
  h[9] = colour;
  h[12] = interlace;
  return chunk('IHDR', h);
};
const png = (...chunks: Buffer[]) => Buffer.concat([PNG_SIGNATURE, ...chunks]);
const IEND = chunk('IEND', Buffer.alloc(0));
const reason = (bytes: Buffer) => {
  const result = checkPng(bytes);
  return result.ok ? 'accepted' : result.reason;
};

describe('the PNG reader', () => {
  it('accepts a real image, and reports its size', () => {
    expect(checkPng(solidPng(400, 200))).toEqual({ ok: true, width: 400, height: 200 });
    expect(checkPng(solidPng(1, 1))).toEqual({ ok: true, width: 1, height: 1 });
  });

  it('refuses an 8-byte fake that has only the signature, and other files', () => {
    expect(reason(PNG_SIGNATURE)).toMatch(/header is missing/);
    expect(reason(Buffer.from('<svg/>'))).toBe('it is not a PNG file');
    expect(reason(Buffer.alloc(0))).toBe('it is not a PNG file');
  });

  it('refuses a truncated file at every length', () => {
    const whole = solidPng(20, 10);
    for (let length = 8; length < whole.length; length += 1) {
      expect(checkPng(whole.subarray(0, length)).ok, `cut at ${length}`).toBe(false);
    }
  });

  it('refuses a damaged checksum, in any part', () => {
    const whole = solidPng(20, 10);
    // One bit changed inside each part (the header's data, the image data, the end's type) or in each
    // part's checksum: every one is caught by the checksum, and said so.
    const idatStart = 8 + 25;
    const idatCrc = idatStart + 8 + whole.readUInt32BE(idatStart);
    for (const at of [16, idatStart + 10, whole.length - 6, 8 + 21, idatCrc + 1, whole.length - 1]) {
      const damaged = Buffer.from(whole);
      damaged[at] = (damaged[at] ?? 0) ^ 0x20;
      expect(reason(damaged), `byte ${at}`).toBe(
        'a part of the file is damaged (its checksum does not match)',
      );
    }
    // A part whose type is not even four letters is damaged before any checksum is read.
    const badType = Buffer.from(whole);
    badType[whole.length - 6] = 0x00;
    expect(reason(badType)).toBe('a part of the file is damaged');
    const row = Buffer.from([0, 1, 2, 3]);
    expect(reason(png(ihdr(1, 1), chunk('IDAT', deflateSync(row), 1), IEND))).toMatch(/checksum/);
  });

  it('refuses huge dimensions before reading any picture data', () => {
    const data = chunk('IDAT', deflateSync(Buffer.alloc(4)));
    expect(reason(png(ihdr(20_001, 1), data, IEND))).toMatch(/larger than the workbench accepts/);
    expect(reason(png(ihdr(1, 0x7fffffff), data, IEND))).toMatch(/larger than the workbench accepts/);
    expect(reason(png(ihdr(15_000, 15_000), data, IEND))).toMatch(/100 million/);
    expect(reason(png(ihdr(0, 10), data, IEND))).toMatch(/no pixels/);
  });

  it('refuses a zip bomb: data that inflates far beyond what the header implies', () => {
    // 100 × 100 greyscale needs 10,100 bytes; these 50 kB of zeros inflate to 200 MB.
    const bomb = deflateSync(Buffer.alloc(200 * 1024 * 1024), { level: 9 });
    const started = performance.now();
    expect(reason(png(ihdr(100, 100, 8, 0), chunk('IDAT', bomb), IEND))).toMatch(
      /larger than the header says/,
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses picture data shorter than the header implies, or not compressed at all', () => {
    expect(reason(png(ihdr(10, 10), chunk('IDAT', deflateSync(Buffer.alloc(31))), IEND))).toMatch(
      /does not match the image size/,
    );
    expect(reason(png(ihdr(1, 1), chunk('IDAT', Buffer.from('not zlib')), IEND))).toMatch(/damaged/);
  });

  it('refuses colour formats PNG does not allow, a missing palette, missing data, or parts out of order', () => {
    const row = chunk('IDAT', deflateSync(Buffer.from([0, 1, 2, 3])));
    expect(reason(png(ihdr(1, 1, 3, 2), row, IEND))).toMatch(/colour format/);
    expect(reason(png(ihdr(1, 1, 8, 5), row, IEND))).toMatch(/colour format/);
    expect(reason(png(ihdr(1, 1, 8, 3), chunk('IDAT', deflateSync(Buffer.from([0, 0]))), IEND))).toMatch(
      /palette is missing/,
    );
    expect(reason(png(ihdr(1, 1), IEND))).toMatch(/no picture data/);
    expect(reason(png(row, ihdr(1, 1), IEND))).toMatch(/header is missing/);
    expect(reason(png(ihdr(1, 1), row))).toMatch(/end of the image is missing/);
    expect(reason(png(ihdr(1, 1), row, IEND, chunk('tEXt', Buffer.from('x'))))).toMatch(/after the end/);
    expect(reason(png(ihdr(1, 1), row, chunk('tEXt', Buffer.from('a')), row, IEND))).toMatch(/split in two/);
    expect(reason(png(ihdr(1, 1), chunk('ZZZZ', Buffer.alloc(1)), row, IEND))).toMatch(/cannot read/);
    expect(reason(png(ihdr(1, 1), row, IEND))).toBe('accepted');
    expect(reason(png(ihdr(1, 1), chunk('tEXt', Buffer.from('Comment\0ok')), row, IEND))).toBe('accepted');
  });

  it('knows the data size of an interlaced image (Adam7 passes)', () => {
    // 8 × 8 RGB: passes of 1×1, 1×1, 2×1, 2×2, 4×2, 4×4, 8×4 pixels, each row with a filter byte.
    const expected = [1 * 4, 1 * 4, 1 * 7, 2 * 7, 2 * 13, 4 * 13, 4 * 25].reduce((a, b) => a + b);
    expect(decodedSize(8, 8, 24, true)).toBe(expected);
    expect(decodedSize(1, 1, 24, true)).toBe(4);
    const data = chunk('IDAT', deflateSync(Buffer.alloc(expected)));
    expect(reason(png(ihdr(8, 8, 8, 2, 1), data, IEND))).toBe('accepted');
  });
});
