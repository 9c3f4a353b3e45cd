import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';

interface ApiError {
  code: string;
  message: string;
  i18nKey: string;
}

// For exceptions thrown without an error of our own (the guards', Nest's 404, anything unexpected).
const byStatus: Record<number, ApiError> = {
  400: { code: 'VALIDATION_FAILED', message: 'Bad request', i18nKey: 'common.validation_failed' },
  401: { code: 'UNAUTHORIZED', message: 'Unauthorized', i18nKey: 'auth.unauthorized' },
  404: { code: 'NOT_FOUND', message: 'Not found', i18nKey: 'common.not_found' },
  429: { code: 'RATE_LIMITED', message: 'Too many requests', i18nKey: 'common.rate_limited' },
  500: { code: 'INTERNAL_ERROR', message: 'Internal server error', i18nKey: 'common.internal_error' },
};

/** The status and error envelope for any exception; each adapter's filter writes them its own way. */
export function errorAnswer(exception: unknown) {
  const status = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
  const body = exception instanceof HttpException ? exception.getResponse() : undefined;
  const error = typeof body === 'object' && body !== null && 'code' in body && 'i18nKey' in body ? (body as ApiError) : (byStatus[status] ?? byStatus[500]);
  return { status, envelope: { success: false, error: { code: error.code, message: error.message, i18nKey: error.i18nKey } } };
}

// The docs' exception filter, catching everything, writing the error envelope.
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost) {
    const { status, envelope } = errorAnswer(exception);
    host.switchToHttp().getResponse<Response>().status(status).json(envelope);
  }
}
