// Types for <article-annotator> (article-annotator/element). Importing the
// module defines the element.
import type { Annotation } from './annotator.js';

export interface AnnotatedDetail { text: string; result: Annotation }

export class ArticleAnnotator extends HTMLElement {
  /** The text to annotate (else the `text` attribute, else the content). */
  text: string;
  /** The last result, or null. */
  readonly result: Annotation | null;
  /** Annotates now; resolves with the result. */
  annotate(): Promise<Annotation>;
}

/** Use your own annotate function (e.g. the package's, after init(url)). */
export function setAnnotator(fn: (text: string, options: object) => Annotation | Promise<Annotation>): void;
export function layerOptions(attr: string | null): { entities?: boolean; quotes?: boolean; boilerplate?: boolean };

declare global {
  interface HTMLElementTagNameMap { 'article-annotator': ArticleAnnotator }
  interface HTMLElementEventMap { annotated: CustomEvent<AnnotatedDetail>; 'annotate-error': CustomEvent<{ error: unknown }> }
}
