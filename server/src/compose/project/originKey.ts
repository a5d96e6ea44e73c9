/** The key of a path in the project's origin maps (segments joined by \u0001: names may hold dots). */
export const originKey = (...path: (string | number)[]): string => path.join('\u0001');

/**
 * Where a value compose derived (not written at its path) came from: a file line (`app.env:2` for a
 * key an env_file brought), or another attribute of the same service (`links` for an implied
 * dependency).
 */
export type DerivedOrigin = { text: string } | { attribute: string };
