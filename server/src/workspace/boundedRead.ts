import * as fs from "node:fs";

/**
 * Reads a file unless it holds more than `limit` bytes, without a stat: the read stops one byte
 * past the limit, so a 200 MB bundle is never loaded to be skipped. The buffer is kept for the
 * next file (one per thread): a scan reads thousands of small files, and the open, the stat and
 * the option handling of `readFileSync` cost more than their bytes.
 */
export class BoundedReader {
  private buffer: Buffer | undefined;

  constructor(private readonly limit: number) {}

  /** The file's text (UTF-8, as `readFileSync(file, "utf8")` decodes it), or undefined when it is larger than the limit. */
  read(file: string): string | undefined {
    const buffer = (this.buffer ??= Buffer.allocUnsafe(this.limit + 1));
    const fd = fs.openSync(file, "r");
    try {
      let length = 0;
      for (;;) {
        const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
        if (n === 0) return buffer.toString("utf8", 0, length);
        length += n;
        if (length === buffer.length) return undefined;
      }
    } finally {
      fs.closeSync(fd);
    }
  }
}

/**
 * Is a text's UTF-8 form larger than `limit` bytes? A UTF-16 unit takes at most three bytes, so
 * most texts are within the limit without being counted.
 */
export function exceedsBytes(text: string, limit: number): boolean {
  return text.length * 3 > limit && Buffer.byteLength(text) > limit;
}
