import { inflateSync } from 'node:zlib';

/**
 * Text drawn on the pages of a pdfkit PDF, one string per text-showing operator
 * (Tj/TJ), in drawing order. Handles what pdfkit writes: Flate-compressed or
 * plain streams, Type0 fonts with 2-byte glyph codes and ToUnicode CMaps.
 * A test helper, not a general PDF parser.
 */
export function pdfText(pdf: Buffer): string[] {
  const src = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  const objRe = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = objRe.exec(src)) !== null) {
    const start = m.index + m[0].length;
    const end = src.indexOf('endobj', start);
    const body = src.slice(start, end);
    const si = body.indexOf('stream');
    let dict = body;
    let stream: Buffer | null = null;
    if (si >= 0 && body.startsWith('<<')) {
      dict = body.slice(0, si);
      const dataStart = start + si + 'stream'.length + (src[start + si + 6] === '\r' ? 2 : 1);
      const len = /\/Length (\d+)/.exec(dict);
      const dataEnd = len !== null ? dataStart + Number(len[1]) : src.indexOf('endstream', dataStart);
      let raw = pdf.subarray(dataStart, dataEnd);
      if (/\/FlateDecode/.test(dict)) raw = inflateSync(raw);
      stream = raw;
    }
    objects.set(Number(m[1]), { dict, stream });
    objRe.lastIndex = end;
  }
  const cmapOf = (obj: number): Map<number, string> => {
    const map = new Map<number, string>();
    const text = objects.get(obj)?.stream?.toString('latin1') ?? '';
    const hexStr = (spaced: string): string => {
      const h = spaced.replace(/\s+/g, '');
      let out = '';
      for (let i = 0; i + 4 <= h.length; i += 4) out += String.fromCharCode(parseInt(h.slice(i, i + 4), 16));
      return out;
    };
    for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const line of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g)) {
        const lo = parseInt(line[1]!, 16);
        const hi = parseInt(line[2]!, 16);
        const dst = line[3]!;
        if (dst.startsWith('[')) {
          const items = [...dst.matchAll(/<([0-9a-fA-F\s]+)>/g)].map((x) => hexStr(x[1]!));
          for (let c = lo; c <= hi; c++) map.set(c, items[c - lo] ?? '');
        } else {
          const base = parseInt(dst.slice(1, -1), 16);
          for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(base + c - lo));
        }
      }
    }
    for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const line of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(parseInt(line[1]!, 16), hexStr(line[2]!));
    }
    return map;
  };
  // font resource names → ToUnicode maps
  const fonts = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values()) {
    for (const f of dict.matchAll(/\/Font\s*<<([^>]*)>>/g)) {
      for (const ref of f[1]!.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
        const fontDict = objects.get(Number(ref[2]))?.dict ?? '';
        const tu = /\/ToUnicode (\d+) 0 R/.exec(fontDict);
        if (tu !== null && !fonts.has(ref[1]!)) fonts.set(ref[1]!, cmapOf(Number(tu[1])));
      }
    }
  }
  const out: string[] = [];
  for (const { stream } of objects.values()) {
    if (stream === null) continue;
    const text = stream.toString('latin1');
    if (!/\bBT\b/.test(text)) continue;
    let font = new Map<number, string>();
    for (const op of text.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|(\[(?:[^\]]*)\])\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (op[1] !== undefined) {
        font = fonts.get(op[1]) ?? new Map<number, string>();
        continue;
      }
      const hexes = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]!) : [op[3]!];
      let s = '';
      for (const h of hexes) for (let i = 0; i + 4 <= h.length; i += 4) s += font.get(parseInt(h.slice(i, i + 4), 16)) ?? '\ufffd';
      out.push(s);
    }
  }
  return out;
}
