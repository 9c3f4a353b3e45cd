import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { AppException } from '../errors/app.exception';
import type { ErrorDetail } from '../errors/error-catalog';

/**
 * The one global ValidationPipe: input DTOs declare what they take (class-validator),
 * anything else is refused, and any problem is 400 `common.validation_failed` with
 * `details: [{ field, message }]` in the envelope.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => new AppException('common.validation_failed', undefined, { details: errors.flatMap((error) => toDetails(error)) }),
  });
}

function toDetails(error: ValidationError, parent?: string): ErrorDetail[] {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
  return [...own, ...(error.children ?? []).flatMap((child) => toDetails(child, field))];
}

/**
 * The input of a route that takes no body (every creator route: identity comes
 * from the token). `{}` or nothing passes; any property is refused by name.
 */
export class NoBodyDto {}

/** Documents a `NoBodyDto` route: no body needed (Nest's default would call it required). */
export const ApiNoBody = () =>
  ApiBody({ type: NoBodyDto, required: false, description: 'None: identity comes from the token. `{}` is accepted; any property is refused.' });
