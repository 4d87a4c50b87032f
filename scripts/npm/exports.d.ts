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
  view?: ViewMeta;
  first: { id: string; type: 'AnnotationPage'; startIndex: 0; items: WebAnnotation[] };
}
/** W3C Web Annotation Data Model, one annotation per span. */
export function toWebAnnotation(text: string, ann: Annotation, opts?: { source?: string; generator?: unknown; id?: string; view?: ViewMeta | null }): WebAnnotationCollection;

/**
 * displaCy's manual format; offsets in code points (Python indices).
 * Boilerplate lines are ents labelled BOILERPLATE (where no name overlaps
 * them) and all listed under `boilerplate`.
 */
export function toDisplacy(
  text: string,
  ann: Annotation,
  title?: string | null,
  view?: ViewMeta | null,
): { text: string; ents: { start: number; end: number; label: Label | 'BOILERPLATE' }[]; title: string | null; boilerplate: { start: number; end: number; kind: string }[]; view?: ViewMeta };

/** CSV (RFC 4180, CRLF) with header quote,speaker,start,end; offsets in code points (no BOM; FORMATS.quotes adds one). */
export function quotesCsv(text: string, ann: Annotation): string;
/** U+FEFF, which spreadsheet programs need to read CSV as UTF-8. */
export const BOM: string;

/** Words in a string: runs of letters and digits. */
export function countWords(s: string): number;
export interface SpeakerRow { name: string; entity: number | null; label: string | null; quotes: number[]; words: number; share: number }
/** Who is quoted: per speaker quotes, words and share of all quoted words; the unattributed quotes apart. */
export function quoteStats(text: string, ann: Annotation): { speakers: SpeakerRow[]; unattributed: SpeakerRow; totalWords: number };
/** quoteStats as CSV: speaker,quotes,words,share (no BOM; FORMATS.speakers adds one). */
export function speakersCsv(text: string, ann: Annotation): string;

/** The page's view settings. */
export interface View { hidden?: string[]; marksInBoilerplate?: boolean; hideBoilerplate?: boolean }
/** What an export records about the view it was made from. */
export interface ViewMeta { note: string; hiddenLayers: string[]; marksInBoilerplate: boolean; hideBoilerplate: boolean }
/** The annotation as the page shows it: hidden layers and names inside boilerplate left out. */
export function viewAnnotation(ann: Annotation, view?: View): Annotation;
export function viewMeta(view?: View): ViewMeta;
/** The first line that is neither blank nor boilerplate. */
export function headline(text: string, ann: Annotation, max?: number): string;
/** A standalone HTML page of the text and annotation (escaped; strict CSP). */
export function toHtml(text: string, ann: Annotation, ctx?: { title?: string; annotator?: string | null; view?: ViewMeta | null }): string;
export function csvField(v: unknown): string;
export function parseCsv(s: string): string[][];

/** The text without boilerplate lines; single blank lines between paragraphs, none at the ends. */
export function cleanText(text: string, boilerplate: Annotation['boilerplate']): string;

/** Maps a UTF-16 offset of `text` to a code-point offset. */
export function codePointIndex(text: string): (utf16: number) => number;

/** The text of an HTML Document (e.g. from DOMParser), one line per block. */
export function htmlDocText(doc: Document): string;

export interface ExportFormat { label: string; ext: string; mime: string; make(text: string, ann: Annotation, ctx?: { annotator?: string | null; title?: string | null; source?: string; view?: ViewMeta | null }): string }
export const FORMATS: { project: ExportFormat; webanno: ExportFormat; displacy: ExportFormat; quotes: ExportFormat; speakers: ExportFormat; html: ExportFormat; clean: ExportFormat };
