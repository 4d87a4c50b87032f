// Types for the export functions (article-annotator/exports). They take the
// text and an Annotation as annotate() returns it.
import type { Annotation, Label } from './annotator.js';

export const PROJECT_FORMAT: 'article-annotator/project';
export const PROJECT_VERSION: 1;

export interface Project {
  format: 'article-annotator/project';
  version: 1;
  offsets: 'utf-16';
  annotator: string | null;
  title: string | null;
  created: string;
  text: string;
  annotation: Annotation;
}

/** The project file (UTF-16 offsets): text and annotation together. */
export function toProject(text: string, ann: Annotation, meta?: { annotator?: string | null; title?: string | null; created?: string }): Project;
/** Reads a project back; throws an Error saying what is wrong otherwise. */
export function parseProject(input: string | object): { text: string; title: string | null; annotator: string | null; annotation: Annotation };

export interface TextQuoteSelector { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string }
/** Offsets in Unicode code points. */
export interface TextPositionSelector { type: 'TextPositionSelector'; start: number; end: number }
export interface TextualBody { type: 'TextualBody'; purpose: 'tagging' | 'identifying' | 'describing'; value: string }
export interface WebAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'tagging' | 'describing';
  body: TextualBody[];
  target: { source: string; selector: [TextQuoteSelector, TextPositionSelector] };
}
export interface WebAnnotationCollection {
  '@context': 'http://www.w3.org/ns/anno.jsonld';
  id: string;
  type: 'AnnotationCollection';
  total: number;
  generator?: unknown;
  first: { id: string; type: 'AnnotationPage'; startIndex: 0; items: WebAnnotation[] };
}
/** W3C Web Annotation Data Model, one annotation per span. */
export function toWebAnnotation(text: string, ann: Annotation, opts?: { source?: string; generator?: unknown; id?: string }): WebAnnotationCollection;

/** displaCy's manual format; offsets in code points (Python indices). */
export function toDisplacy(text: string, ann: Annotation, title?: string | null): { text: string; ents: { start: number; end: number; label: Label }[]; title: string | null };

/** CSV (RFC 4180, CRLF) with header quote,speaker,start,end; offsets in code points. */
export function quotesCsv(text: string, ann: Annotation): string;
export function csvField(v: unknown): string;
export function parseCsv(s: string): string[][];

/** The text without boilerplate lines. */
export function cleanText(text: string, boilerplate: Annotation['boilerplate']): string;

/** Maps a UTF-16 offset of `text` to a code-point offset. */
export function codePointIndex(text: string): (utf16: number) => number;

/** The text of an HTML Document (e.g. from DOMParser), one line per block. */
export function htmlDocText(doc: Document): string;

export interface ExportFormat { label: string; ext: string; mime: string; make(text: string, ann: Annotation, ctx?: { annotator?: string | null; title?: string | null; source?: string }): string }
export const FORMATS: { project: ExportFormat; webanno: ExportFormat; displacy: ExportFormat; quotes: ExportFormat; clean: ExportFormat };
