import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { AppException } from '../errors/app.exception';
import type { ErrorDetail } from '../errors/error-catalog';

/** The detail of a body that is no JSON object (unparsable, an array, a string...). */
export const NOT_AN_OBJECT = 'the body is not a JSON object';

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
 * ValidationPipe, except for a route taking no body (every creator route): it
 * passes none (nearly every request) without building a `NoBodyDto`, and
 * refuses any other by its top-level properties, without handing it to
 * class-transformer, which walks the whole body: it recurses without bound
 * (a 4 KB body of nested arrays overflows the stack) and skips the keys
 * `constructor` and `__proto__` (such a body passed as empty).
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.metatype !== NoBodyDto) return super.transform(value, metadata);
    if (isEmptyBody(value)) return value;
    throw new AppException('common.validation_failed', undefined, { details: unexpectedBody(value) });
  }
}

/** What `forbidNonWhitelisted` would say of a body on a route that takes none. */
function unexpectedBody(value: unknown): ErrorDetail[] {
  if (!isPlainObject(value)) return [{ message: NOT_AN_OBJECT }];
  return Object.keys(value).map((field) => ({ field, message: `property ${field} should not exist` }));
}

function isEmptyBody(value: unknown): boolean {
  return value === undefined || (isPlainObject(value) && Object.keys(value).length === 0);
}

/** A JSON object, or the form parser's (which has no prototype). */
function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
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
