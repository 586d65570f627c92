import { formatFigure } from '../../core/formatFigure.js';

/** A stored explain source split into the model's citation and its inputs. */
export interface ParsedSource {
  readonly model: string;
  readonly inputs: ReadonlyArray<{ readonly name: string; readonly value: number; readonly unit: string; readonly source: string } | { readonly raw: string }>;
}

/** Splits `text` on `; ` outside brackets. */
function splitTop(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '[' || ch === '(') depth++;
    else if ((ch === ']' || ch === ')') && depth > 0) depth--;
    else if (ch === ';' && depth === 0 && text[i + 1] === ' ') {
      out.push(text.slice(start, i));
      start = i + 2;
    }
  }
  out.push(text.slice(start));
  return out;
}

const INPUT = /^(.+?) = (-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|Infinity)) (\S+) \[(.*)\]$/s;

/**
 * Parses a result record's explain `source` as energy/flattenExplainTerms writes
 * it (`model citation; name = value unit [citation]; …`). Parts that do not
 * match stay raw.
 */
export function parseSource(source: string): ParsedSource {
  const [model, ...rest] = splitTop(source);
  return {
    model: model ?? '',
    inputs: rest.map((part) => {
      const m = INPUT.exec(part);
      return m === null ? { raw: part } : { name: m[1]!, value: Number(m[2]), unit: m[3]!, source: m[4]! };
    }),
  };
}

/** Old results cite the team's notes by machine path; the project's own documentation is docs/. */
export function citeDocs(text: string): string {
  return text
    .replace(/xsnn spec\/(hardware|mapping|method|timing)\.md/g, 'docs/$1.md')
    .replace(/(?:\/work\/shared\/|\.\.\/shared\/)?spec\/(\w+)\.md/g, 'docs/$1.md');
}

/** Long float tails in free text (`0.00003289630698503604`, `2.8800000000000002e-12`) rounded to 4 significant digits. */
export function roundNumbersInText(text: string): string {
  return text.replace(/-?\d+\.\d{5,}(?:e[+-]?\d+)?/g, (m) => formatFigure(Number(m), '1'));
}

/**
 * Numbers the distinct citations of the methods section in order of first use:
 * `cite(text)` returns `[n]`, the same n for the same text, so each source is
 * printed once in the list.
 */
export class CitationList {
  private readonly index = new Map<string, number>();

  /** The citation's number, `[n]` (an empty citation gives ''). */
  cite(text: string): string {
    const t = roundNumbersInText(citeDocs(text.trim()));
    if (t === '') return '';
    let n = this.index.get(t);
    if (n === undefined) {
      n = this.index.size + 1;
      this.index.set(t, n);
    }
    return `[${n}]`;
  }

  /** The list, `[n] text`, in order of number. */
  entries(): string[] {
    return [...this.index.entries()].map(([t, n]) => `[${n}] ${t}`);
  }
}
