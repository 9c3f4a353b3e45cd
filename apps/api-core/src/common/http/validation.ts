import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { AppException } from '../errors/app.exception';
import type { ErrorDetail } from '../errors/error-catalog';

/**
 * The one global ValidationPipe: input DTOs declare what they take (class-validator),
 * anything else is refused, and any problem is 400 `common.validation_failed` with
 * `details: [{ field, message }]` in the envelope.
 */
export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => new AppException('common.validation_failed', undefined, { details: errors.flatMap((error) => toDetails(error)) }),
  });
}

/**
 * ValidationPipe, except that a route taking no body which received none
 * (every creator route, on nearly every request) is passed without building a
 * `NoBodyDto` and validating it: there is nothing to check. Anything else,
 * including a non-empty body on such a route, is validated as usual.
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.metatype === NoBodyDto && isEmptyBody(value)) return value;
    return super.transform(value, metadata);
  }
}

function isEmptyBody(value: unknown): boolean {
  if (value === undefined) return true;
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype && Object.keys(value).length === 0;
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
