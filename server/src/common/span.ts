// A range of a text as offsets: `start` inclusive, `end` exclusive, in UTF-16 code units (the unit
// of an LSP TextDocument). Dockerfile and Compose models both use it.
export interface Span {
  start: number;
  end: number;
}
