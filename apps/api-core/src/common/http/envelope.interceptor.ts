import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import type { ApiResponseOf } from './api-response';

/** Wraps every controller result in the success envelope; errors get theirs from the exception filter. */
@Injectable()
export class EnvelopeInterceptor<T> implements NestInterceptor<T, ApiResponseOf<T>> {
  intercept(_context: ExecutionContext, next: CallHandler<T>): Observable<ApiResponseOf<T>> {
    return next.handle().pipe(map((data) => ({ success: true as const, data })));
  }
}
