// The validator scripts/compose-validator.mjs writes (validator.js): Ajv's code for compose-spec.json.
import type { ValidateFunction } from 'ajv';

declare const validate: ValidateFunction;
export default validate;
