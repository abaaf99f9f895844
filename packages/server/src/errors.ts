/**
 * One error shape for every failure: `{ error: { code, message, field? } }`. Fastify's own
 * errors (malformed JSON, a body over the limit, a schema failure) are translated here; anything
 * unexpected becomes a generic 500 whose log line names the route and the error, never the body.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode } from '@peerlens/contract';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string };
}

export function errorBody(code: ErrorCode, message: string, field?: string): ErrorBody {
  return { error: { code, message, ...(field !== undefined && field !== '' ? { field } : {}) } };
}

/** "1 MB" for 1_048_576 bytes, "10 MB" for ten times that. */
export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
}

function validationError(err: FastifyError & { validation: ValidationIssue[] }): ApiError {
  const first = err.validation[0];
  const field = (first?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const where = err.validationContext === 'querystring' ? 'query' : (err.validationContext ?? 'body');
  const problem = first?.message ?? 'is not valid';
  const message =
    field === ''
      ? `The ${where} is not valid: ${problem}`
      : `The ${where === 'body' ? 'field' : `${where} parameter`} "${field}" is not valid: ${problem}`;
  return new ApiError(400, 'invalid', message, field);
}

/** The API error for anything thrown while handling a request. */
export function toApiError(err: unknown, request: FastifyRequest): ApiError {
  if (err instanceof ApiError) return err;
  const e = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(e)) return validationError(e as FastifyError & { validation: ValidationIssue[] });
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError(400, 'bad_json', 'The body is not valid JSON.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, 'bad_json', 'The body is empty; send a JSON object.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH': {
      const limit = request.routeOptions.bodyLimit ?? 1024 * 1024;
      return new ApiError(413, 'too_large', `The body is larger than the limit of ${megabytes(limit)}.`);
    }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(
        415,
        'unsupported_type',
        request.url.startsWith('/api/extract')
          ? 'Send the file itself as the body, with content-type application/octet-stream.'
          : 'This route takes a JSON body: send content-type application/json.',
      );
    default:
  }
  // A body that is not JSON at all (e.g. 'nul' or a lone string) reaches here as a SyntaxError with status 400.
  if (e instanceof SyntaxError || (e.statusCode === 400 && /JSON/i.test(e.message)))
    return new ApiError(400, 'bad_json', 'The body is not valid JSON.');
  if (e.statusCode === 404) return new ApiError(404, 'not_found', 'Not found.');
  // Any other client error Fastify raises (a malformed URL, a bad header): say so plainly, keeping its status.
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
    return new ApiError(e.statusCode, 'invalid', 'The request is not valid (its address or headers could not be read).');
  return new ApiError(500, 'internal', 'Something went wrong on the server.');
}

export function sendError(reply: FastifyReply, err: ApiError): FastifyReply {
  return reply
    .code(err.status)
    .type('application/json; charset=utf-8')
    .send(errorBody(err.code, err.message, err.field));
}
