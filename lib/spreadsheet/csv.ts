/**
 * CSV as Excel writes it in China: RFC 4180 (quoted fields with commas, doubled quotes and line
 * breaks; CRLF or LF), a leading BOM, comma-separated — or tab-separated when the first line has
 * tabs and no comma — in UTF-8 or GB18030.
 */

/**
 * An incremental RFC 4180 parser: feed it text as it arrives, get back complete records. The
 * separator is decided from the first line once it is complete.
 */
export class CsvParser {
  private field = "";
  private record: string[] = [];
  private quoted = false;
  private afterQuote = false;
  private started = false;
  private pendingCR = false;
  private sep: string | null = null;
  private firstLine = "";

  feed(text: string): string[][] {
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.sep === null) {
      this.firstLine += text;
      const nl = this.firstLine.search(/[\r\n]/);
      if (nl < 0) return [];
      this.sep = separatorOf(this.firstLine.slice(0, nl));
      text = this.firstLine;
      this.firstLine = "";
    }
    return this.parse(text);
  }

  /** The last record when the text does not end with a line break. */
  end(): string[][] {
    const out: string[][] = [];
    if (this.sep === null) {
      this.sep = separatorOf(this.firstLine);
      out.push(...this.parse(this.firstLine));
      this.firstLine = "";
    }
    if (this.field === "" && this.record.length === 0) return out;
    this.record.push(this.field);
    out.push(this.record);
    this.record = [];
    this.field = "";
    return out;
  }

  private parse(text: string): string[][] {
    const out: string[][] = [];
    const sep = this.sep!;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (this.pendingCR) {
        this.pendingCR = false;
        if (ch === "\n") continue;
      }
      if (this.quoted) {
        if (ch === '"') {
          // Closing quote, or the first half of an escaped "" (decided by the next character,
          // which may arrive in the next chunk).
          this.quoted = false;
          this.afterQuote = true;
        } else this.field += ch;
        continue;
      }
      if (this.afterQuote && ch === '"') {
        this.field += '"';
        this.quoted = true;
        this.afterQuote = false;
        continue;
      }
      this.afterQuote = false;
      if (ch === '"' && this.field === "") this.quoted = true;
      else if (ch === sep) {
        this.record.push(this.field);
        this.field = "";
      } else if (ch === "\n" || ch === "\r") {
        this.record.push(this.field);
        this.field = "";
        out.push(this.record);
        this.record = [];
        if (ch === "\r") this.pendingCR = true;
      } else this.field += ch;
    }
    return out;
  }
}

function separatorOf(firstLine: string): string {
  return !firstLine.includes(",") && firstLine.includes("\t") ? "\t" : ",";
}

/** A whole CSV text as records (the streaming parser fed once). */
export function parseCsv(text: string): string[][] {
  const p = new CsvParser();
  return [...p.feed(text), ...p.end()];
}

/** Is a byte buffer valid UTF-8 (an incomplete sequence at the very end is allowed)? */
export function looksLikeUtf8(buf: Uint8Array): boolean {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    let n = 0;
    if (b < 0x80) n = 0;
    else if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) n = 2;
    else if (b >= 0xf0 && b <= 0xf4) n = 3;
    else return false;
    if (i + n >= buf.length) return true;
    for (let k = 1; k <= n; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return false;
    i += n + 1;
  }
  return true;
}

/** The text encoding of a CSV from its first bytes: UTF-8 when they are valid UTF-8, else GB18030 (Excel's "CSV" on Chinese Windows). */
export function csvEncoding(head: Uint8Array): "utf-8" | "gb18030" {
  return looksLikeUtf8(head) ? "utf-8" : "gb18030";
}
