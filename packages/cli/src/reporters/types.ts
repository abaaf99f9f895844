/** The results every reporter formats: plain data, in input order. */
import type { DutyLabel, NoteLabel } from '@peerlens/core';
import type { ItemResult } from '../check/results.js';
import type { Format, InputProblem, InputRecord } from '@peerlens/inputs';

/** One checked text (a document, or a record of a CSV or JSON Lines file) and what PeerLens found. */
export type RecordReport = Omit<InputRecord, 'text' | 'bytes'> & {
  /** The text itself: kept only for reporters that show it (html). */
  readonly text?: string;
  readonly result: ItemResult;
};

export interface FileReport {
  readonly file: string;
  readonly format: Format;
  readonly records: readonly RecordReport[];
  readonly problems: readonly InputProblem[];
}

export interface Summary {
  readonly files: number;
  readonly filesWithFindings: number;
  readonly records: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** Findings turned off by inline controls. */
  readonly suppressed: number;
  /** Inputs (files, rows, lines) that could not be read. */
  readonly skipped: number;
  /** Note units by label, over every note checked. */
  readonly units: Readonly<Record<NoteLabel, number>>;
  /** Duties by label, over every job description or duty checked. */
  readonly duties: Readonly<Record<DutyLabel, number>>;
}

export interface Report {
  readonly command: 'check' | 'roles';
  readonly files: readonly FileReport[];
  readonly summary: Summary;
}

export interface ReporterOptions {
  /** ANSI colour (only when writing to a terminal). */
  readonly color: boolean;
  /** Terminal width, for tables. */
  readonly width?: number;
}

/**
 * A reporter: a pure function from results to text. Streaming reporters also format one part
 * of a file at a time (`part`, with `continued` for later parts of the same file) and the end.
 */
export interface Reporter {
  readonly name: string;
  render(report: Report, options: ReporterOptions): string;
  readonly stream?: {
    part(part: FileReport, continued: boolean, command: Report['command'], options: ReporterOptions): string;
    end(summary: Summary, command: Report['command'], options: ReporterOptions): string;
  };
  /** Whether it needs each record's text. */
  readonly needsText?: boolean;
  /** Whether it shows each note's sentences with their labels and why. */
  readonly needsSentences?: boolean;
}
