import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { type ApiError, byStatus } from './http-exception.filter';

// The docs' exception filter on Fastify: the same envelope, written with the reply's send.
@Catch()
export class FastifyHttpExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost) {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const status = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    const body = exception instanceof HttpException ? exception.getResponse() : undefined;
    const error = typeof body === 'object' && body !== null && 'code' in body && 'i18nKey' in body ? (body as ApiError) : (byStatus[status] ?? byStatus[500]);
    void reply.status(status).send({ success: false, error: { code: error.code, message: error.message, i18nKey: error.i18nKey } });
  }
}
