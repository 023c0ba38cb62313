// Draw Shipshape's anchor once and write it twice: media/shipshape.svg (activity bar, 24x24,
// currentColor) and media/icon.png (marketplace, 128x128, white on navy). The PNG is rasterised
// here with signed distances and 4x4 supersampling, so no image library is needed.
// Usage: node scripts/make-icons.mjs
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const root = path.resolve(import.meta.dirname, "..");

// The glyph in a 24-unit box, stroked with width 2 and round caps.
const STROKE = 2;
const RING = { cx: 12, cy: 4.5, r: 2 };
const SEGMENTS = [
  [12, 6.5, 12, 21], // shank
  [8, 10.5, 16, 10.5], // stock
  [2.5, 15, 4, 13.5], // left fluke
  [4, 13.5, 5.5, 15],
  [18.5, 15, 20, 13.5], // right fluke
  [20, 13.5, 21.5, 15],
];
const ARC = { cx: 12, cy: 13.5, r: 8 }; // lower half: the arms

function svg() {
  const lines = SEGMENTS.map(([x1, y1, x2, y2]) => `  <path d="M${x1} ${y1}L${x2} ${y2}"/>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="${STROKE}" stroke-linecap="round" stroke-linejoin="round">`,
    `  <circle cx="${RING.cx}" cy="${RING.cy}" r="${RING.r}"/>`,
    ...lines,
    `  <path d="M${ARC.cx - ARC.r} ${ARC.cy}A${ARC.r} ${ARC.r} 0 0 0 ${ARC.cx + ARC.r} ${ARC.cy}"/>`,
    `</svg>`,
    "",
  ].join("\n");
}

function segmentDistance(px, py, [x1, y1, x2, y2]) {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

/** Distance from a point (glyph units) to the centre line of the glyph. */
function glyphDistance(x, y) {
  let d = Math.abs(Math.hypot(x - RING.cx, y - RING.cy) - RING.r);
  for (const s of SEGMENTS) d = Math.min(d, segmentDistance(x, y, s));
  if (y >= ARC.cy) d = Math.min(d, Math.abs(Math.hypot(x - ARC.cx, y - ARC.cy) - ARC.r));
  else d = Math.min(d, Math.hypot(x - (ARC.cx - ARC.r), y - ARC.cy), Math.hypot(x - (ARC.cx + ARC.r), y - ARC.cy));
  return d;
}

function insideRoundedSquare(x, y, size, radius) {
  const cx = Math.min(Math.max(x, radius), size - radius);
  const cy = Math.min(Math.max(y, radius), size - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

function png(size) {
  const NAVY = [20, 36, 66];
  const FOAM = [244, 241, 232];
  const scale = (size * 0.75) / 24; // the glyph fills the middle three quarters
  const offset = (size - 24 * scale) / 2;
  const samples = 4;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0 (none), then RGBA
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = px + (sx + 0.5) / samples;
          const y = py + (sy + 0.5) / samples;
          if (!insideRoundedSquare(x, y, size, size * 0.18)) continue;
          bg++;
          if (glyphDistance((x - offset) / scale, (y - offset) / scale) <= STROKE / 2) fg++;
        }
      }
      const n = samples * samples;
      const mix = bg === 0 ? 0 : fg / bg;
      const i = 1 + px * 4;
      for (let c = 0; c < 3; c++) row[i + c] = Math.round(NAVY[c] + (FOAM[c] - NAVY[c]) * mix);
      row[i + 3] = Math.round((255 * bg) / n);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

fs.mkdirSync(path.join(root, "media"), { recursive: true });
fs.writeFileSync(path.join(root, "media/shipshape.svg"), svg());
fs.writeFileSync(path.join(root, "media/icon.png"), png(128));
console.log("icons: media/shipshape.svg, media/icon.png (128x128)");
