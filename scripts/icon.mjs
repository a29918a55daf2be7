#!/usr/bin/env node
// Draws the extension's icon, images/icon.png (128x128 RGBA): a shipping container on a blue
// tile with a green check badge. Shapes are signed distance functions, sampled 4x4 per pixel for
// smooth edges; the PNG is encoded here with node:zlib. Run `npm run icon` after changing it.
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;

/** Distance from (x, y) to a rounded rectangle (negative inside). */
function roundedRect(x, y, left, top, right, bottom, radius) {
  const cx = (left + right) / 2;
  const cy = (top + bottom) / 2;
  const qx = Math.abs(x - cx) - ((right - left) / 2 - radius);
  const qy = Math.abs(y - cy) - ((bottom - top) / 2 - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

/** Distance from (x, y) to a circle (negative inside). */
function circle(x, y, cx, cy, r) {
  return Math.hypot(x - cx, y - cy) - r;
}

/** Distance from (x, y) to a stroked segment of the given half width (round caps). */
function segment(x, y, ax, ay, bx, by, halfWidth) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) - halfWidth;
}

const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);
const TOP = [37, 99, 235];
const BOTTOM = [29, 53, 87];
const WHITE = [255, 255, 255];
const RIB = [148, 178, 230];
const GREEN = [22, 163, 74];

/** The colour (RGBA, 0-255) of one sample point, painting shapes from back to front. */
function sample(x, y) {
  if (roundedRect(x, y, 4, 4, 124, 124, 26) > 0) return [0, 0, 0, 0];
  let color = mix(TOP, BOTTOM, y / SIZE);
  if (roundedRect(x, y, 18, 32, 96, 84, 6) <= 0) {
    color = WHITE;
    const rib = [30, 42, 54, 66, 78].some((rx) => roundedRect(x, y, rx, 40, rx + 5, 76, 2.5) <= 0);
    if (rib) color = RIB;
  }
  if (circle(x, y, 92, 90, 27) <= 0) color = mix(TOP, BOTTOM, y / SIZE);
  if (circle(x, y, 92, 90, 22) <= 0) color = GREEN;
  const check = Math.min(segment(x, y, 81, 90, 89, 98, 3.8), segment(x, y, 89, 98, 104, 81, 3.8));
  if (check <= 0) color = WHITE;
  return [...color, 255];
}

/** The image as RGBA rows, each pixel the average of SAMPLES x SAMPLES points. */
function render() {
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const [r, g, b, a] = sample(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          // Premultiplied, so that transparent samples do not darken the edge.
          sum[0] += r * a;
          sum[1] += g * a;
          sum[2] += b * a;
          sum[3] += a;
        }
      }
      const offset = (py * SIZE + px) * 4;
      const alpha = sum[3] / (SAMPLES * SAMPLES);
      for (let c = 0; c < 3; c++) pixels[offset + c] = sum[3] === 0 ? 0 : Math.round(sum[c] / sum[3]);
      pixels[offset + 3] = Math.round(alpha);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data, CRC of type and data. */
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG of SIZE x SIZE pixels; each row gets filter type 0 (none). */
function encodePng(pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = [];
  for (let y = 0; y < SIZE; y++) rows.push(Buffer.from([0]), pixels.subarray(y * SIZE * 4, (y + 1) * SIZE * 4));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const file = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'images', 'icon.png');
writeFileSync(file, encodePng(render()));
