import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { errorAnswer } from './http-exception.filter';

// The docs' exception filter on Fastify: the same envelope, written with the reply's send.
@Catch()
export class FastifyHttpExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost) {
    const { status, envelope } = errorAnswer(exception);
    void host.switchToHttp().getResponse<FastifyReply>().status(status).send(envelope);
  }
}
