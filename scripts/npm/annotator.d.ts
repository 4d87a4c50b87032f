// Types for article-annotator. Offsets are UTF-16 code units (JS string
// indices) unless a function says otherwise.

/** Entity labels. */
export type Label = 'PERSON' | 'ORG' | 'PLACE' | 'DATE' | 'MISC';

/** Kinds of boilerplate line. */
export type BoilerplateKind =
  | 'ad' | 'caption' | 'promo' | 'share' | 'subscribe' | 'navigation' | 'comments' | 'legal' | 'other';

/** One mention of an entity in the text. */
export interface EntityMention {
  start: number;
  end: number;
  label: Label;
  /** Index into `groups`. */
  entity: number;
  /** text.slice(start, end) */
  text: string;
}

/** An entity: its mentions grouped, with the name it is known by. */
export interface EntityGroup {
  id: number;
  label: Label;
  name: string;
  /** Indices into `entities`. */
  mentions: number[];
}

/** A direct quotation and who said it. */
export interface Quote {
  start: number;
  end: number;
  /** The speaker's resolved name, or null when unknown. */
  speaker: string | null;
  /** Where the speaker is named near the quote, [start, end). */
  speaker_span: [number, number] | null;
  /** Index into `groups` of the speaker's entity. */
  speaker_entity: number | null;
  /** The quote runs to the end of its paragraph without a closing mark. */
  unclosed: boolean;
}

/** A line that is not part of the article. */
export interface BoilerplateLine {
  start: number;
  end: number;
  kind: BoilerplateKind;
}

/** What annotate() returns. */
export interface Annotation {
  entities: EntityMention[];
  groups: EntityGroup[];
  quotes: Quote[];
  boilerplate: BoilerplateLine[];
  /**
   * The text's language: an ISO 639-1 code ('en', 'de', 'fr', ...) or 'und' when it
   * cannot be told. The layers read English only; their marks on other languages are
   * unreliable.
   */
  language: string;
}

/** Layers to run; each defaults to true. */
export interface AnnotateOptions {
  entities?: boolean;
  quotes?: boolean;
  boilerplate?: boolean;
  /** Also look for entities and quotes inside boilerplate lines. */
  insideBoilerplate?: boolean;
}

/** Where init() gets the wasm from. */
export type WasmSource =
  | string
  | URL
  | Request
  | Response
  | Promise<Response>
  | ArrayBuffer
  | ArrayBufferView
  | WebAssembly.Module
  | { wasmUrl: string | URL }
  | { module: ArrayBuffer | ArrayBufferView | WebAssembly.Module | Response };

/**
 * Loads the wasm once (default: annotator_bg.wasm beside the module).
 * Resolves with the annotator's version.
 */
export function init(src?: WasmSource): Promise<string>;
export default init;
export function isReady(): boolean;
/** Throws if init() has not finished, or on text larger than 64 MiB. */
export function annotate(text: string, options?: AnnotateOptions): Annotation;
export function version(): string;
/** A standalone, escaped HTML page with the text highlighted. */
export function exportHtml(text: string, title?: string): string;

export * from './exports.js';
