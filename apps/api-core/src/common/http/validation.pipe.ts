import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppException } from '../errors/app.exception';
import type { ErrorDetail } from '../errors/error-catalog';

/**
 * The app's global ValidationPipe: input DTOs declare what they take (class-validator),
 * anything else is refused, and any problem is 400 `common.validation_failed` with
 * `details: [{ field, message }]` in the envelope. (The Stripe Connect module's
 * routes take no body, and refuse one themselves.)
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
