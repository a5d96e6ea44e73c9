// The validator scripts/compose-validator.mjs writes (validator.js): Ajv's code for compose-spec.json
// (the default export) and its service definition's function (`service`).
import type { ValidateFunction } from 'ajv';

declare const validate: ValidateFunction;
export default validate;
/** The service definition's function (`#/definitions/service`), as the whole validator calls it per service. */
export declare const service: ValidateFunction;
