/**
 * JSON that keeps numbers exactly as written. W&B metadata comes from Python, where
 * 12345678901234567890, 9007199254740993, -0, 1.0 (a float, not an int) and 1e400 are
 * ordinary; JSON.parse would round or collapse them. A number whose text a JS number
 * writes back the same ("3", "0.5") stays a number; any other is an ExactNumber holding its
 * text (lossless-json's LosslessNumber), written back unchanged.
 */
import { isLosslessNumber, LosslessNumber, parse, stringify } from 'lossless-json';
import { AppError, type AppErrorCode } from './errors';
import type { ExactNumber, JsonValue } from './types';

/** Ours: deeper nesting is refused (or shown as text) rather than overflowing the stack. */
export const MAX_JSON_DEPTH = 256;

export function isExactNumber(value: unknown): value is ExactNumber {
  return isLosslessNumber(value);
}

/** A number as JSON text: "3", "12345678901234567890", "-0", "1.0". */
export function numberText(value: number | ExactNumber): string {
  return typeof value === 'number' ? String(value) : value.value;
}

/** A JS number's approximation of a JSON number (1e400 → Infinity): for sorting and deltas only. */
export function approximateNumber(value: number | ExactNumber): number {
  return typeof value === 'number' ? value : Number(value.value);
}

function parseNumber(text: string): number | ExactNumber {
  const value = Number(text);
  return String(value) === text ? value : new LosslessNumber(text);
}

function isNumberChar(code: number): boolean {
  // 0-9 . e E + -
  return (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x65 || code === 0x45 || code === 0x2b || code === 0x2d;
}

/** Index of the quote that ends the string opening at `open` (the text's end if none does). */
function closingQuote(text: string, open: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes += 1;
    if (backslashes % 2 === 0) return at;
  }
}

/**
 * One pass over JSON text (strings skipped): how deep arrays and objects nest, stopping once
 * past `limit` (the recursive parsers overflow the stack on 100,000 levels before they could
 * report it), and whether every number reads back as written from a JS number (then the
 * fast JSON.parse loses nothing).
 */
export function scanJson(text: string, limit = Number.POSITIVE_INFINITY): { depth: number; numbersExact: boolean } {
  let depth = 0;
  let deepest = 0;
  let numbersExact = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) i = closingQuote(text, i);
    else if (code === 0x5b || code === 0x7b) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) break;
      }
    } else if (code === 0x5d || code === 0x7d) depth -= 1;
    else if (numbersExact && isNumberChar(code)) {
      let end = i + 1;
      while (end < text.length && isNumberChar(text.charCodeAt(end))) end += 1;
      const token = text.slice(i, end);
      if (String(Number(token)) !== token) numbersExact = false;
      i = end - 1;
    }
  }
  return { depth: deepest, numbersExact };
}

/**
 * Parses JSON keeping every number exactly (see the file comment). Throws AppError(`code`)
 * for invalid JSON and nesting deeper than `maxDepth`; `noun` names the text in messages.
 * A repeated key keeps its last value, as JSON.parse and Python do (lossless-json refuses one
 * whose values differ: only text holding exact numbers takes that path).
 */
export function parseExactJson(text: string, noun: string, code: AppErrorCode, maxDepth = MAX_JSON_DEPTH): JsonValue {
  const { depth, numbersExact } = scanJson(text, maxDepth);
  if (depth > maxDepth) {
    throw new AppError(code, `${noun} is nested more than ${maxDepth} levels deep`, { details: { maxDepth } });
  }
  try {
    // JSON.parse is several times faster; it loses nothing when every number reads back as written.
    return numbersExact ? (JSON.parse(text) as JsonValue) : (parse(text, null, parseNumber) as JsonValue);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(code, `${noun} is not valid JSON: ${reason}`, { cause: error });
  }
}

/** True when the value holds an ExactNumber anywhere (plain JSON.stringify would mangle it). */
export function hasExactNumber(value: JsonValue): boolean {
  if (isExactNumber(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  const children: JsonValue[] = Array.isArray(value) ? value : Object.values(value);
  return children.some(hasExactNumber);
}

/** JSON text with every ExactNumber written as it was read; `indent` as JSON.stringify's. */
export function stringifyExactJson(value: JsonValue, indent?: number): string {
  if (!hasExactNumber(value)) return JSON.stringify(value, null, indent);
  return stringify(value, null, indent) ?? 'null';
}

/** Two JSON numbers are the same when written the same ("1.0" and "1" differ, as in Python). */
export function sameNumber(a: number | ExactNumber, b: number | ExactNumber): boolean {
  return numberText(a) === numberText(b);
}
